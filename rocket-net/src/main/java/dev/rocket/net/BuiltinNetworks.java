package dev.rocket.net;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * rkt's two built-in networks, both a ptp veth pair with host-local IPAM: {@code default} (172.16.28.0/24, a
 * default route, masquerade) and {@code default-restricted} (172.17.0.0/16 as in rkt's stage1, no default route,
 * no masquerade: the pod reaches only the host side). A configuration file naming either overrides it.
 */
final class BuiltinNetworks {

    static final String CNI_VERSION = "0.4.0";

    private BuiltinNetworks() {
    }

    static NetworkDefinition defaultNetwork() {
        ObjectNode config = ptp(NetSelection.DEFAULT, true, "172.16.28.0/24");
        ((ObjectNode) config.get("ipam")).putArray("routes").addObject().put("dst", "0.0.0.0/0");
        return new NetworkDefinition(NetSelection.DEFAULT, config, "built-in");
    }

    static NetworkDefinition defaultRestricted() {
        return new NetworkDefinition(NetSelection.DEFAULT_RESTRICTED,
                ptp(NetSelection.DEFAULT_RESTRICTED, false, "172.17.0.0/16"), "built-in");
    }

    private static ObjectNode ptp(String name, boolean ipMasq, String subnet) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("cniVersion", CNI_VERSION);
        config.put("name", name);
        config.put("type", "ptp");
        config.put("ipMasq", ipMasq);
        ObjectNode ipam = config.putObject("ipam");
        ipam.put("type", "host-local");
        ipam.put("subnet", subnet);
        return config;
    }
}
