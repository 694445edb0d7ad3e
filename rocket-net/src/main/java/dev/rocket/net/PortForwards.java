package dev.rocket.net;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.spec.types.Port;

import java.util.List;
import java.util.Optional;

/**
 * Turns {@code --port} mappings into the {@code runtimeConfig} of the CNI portmap plugin, resolving each port
 * name against the ports the pod's apps declare in their image manifests.
 */
public final class PortForwards {

    private PortForwards() {
    }

    /** The portmap {@code runtimeConfig} object: {@code {"portMappings": [...]}}. */
    public static ObjectNode runtimeConfig(List<PortMapping> mappings, List<Port> appPorts) throws RocketException {
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        for (PortMapping mapping : mappings) {
            Port port = find(mapping, appPorts);
            ObjectNode entry = entries.addObject();
            entry.put("hostPort", mapping.hostPort());
            entry.put("containerPort", port.port());
            entry.put("protocol", port.protocol());
            mapping.hostIp().ifPresent(ip -> entry.put("hostIP", ip));
        }
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.set("portMappings", entries);
        return config;
    }

    private static Port find(PortMapping mapping, List<Port> appPorts) throws RocketException {
        Optional<Port> port = appPorts.stream()
                .filter(p -> p.name().value().equals(mapping.portName()))
                .findFirst();
        if (port.isEmpty()) {
            List<String> known = appPorts.stream().map(p -> p.name().value()).toList();
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "--port: no app of the pod declares a port named '"
                    + mapping.portName() + "'" + (known.isEmpty() ? " (the apps declare no ports)"
                    : "; declared ports: " + String.join(", ", known)));
        }
        return port.get();
    }
}
