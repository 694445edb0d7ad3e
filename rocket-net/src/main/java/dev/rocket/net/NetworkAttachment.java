package dev.rocket.net;

import java.util.Objects;
import java.util.Optional;

/**
 * What joining one network gave the pod, from the plugin's CNI result: the interface inside the pod, its
 * address in CIDR form (e.g. {@code 172.16.28.2/24}), the gateway and DNS settings if the network has them.
 */
public record NetworkAttachment(String network, String ifName, String address, Optional<String> gateway, CniDns dns) {

    public NetworkAttachment {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ifName, "ifName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(dns, "dns");
    }

    /** How {@code rkt list} and {@code rkt status} show it, e.g. {@code default:ip4=172.16.28.2}. */
    public String shown() {
        return network + ":" + (ip().contains(":") ? "ip6=" : "ip4=") + ip();
    }

    /** The address without its prefix length, e.g. {@code 172.16.28.2}. */
    public String ip() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
