package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One network a pod can join: its CNI network configuration ({@code name}, {@code type}, plugin fields,
 * {@code ipam}) and where it came from (a file, or {@code built-in}).
 */
public record NetworkDefinition(String name, ObjectNode config, String source) {

    public NetworkDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
    }

    public String type() {
        return config.path("type").asText();
    }

    /** Whether the plugin masquerades the pod's traffic; the first such network carries forwarded ports. */
    public boolean masquerades() {
        JsonNode ipMasq = config.get("ipMasq");
        return ipMasq != null && ipMasq.asBoolean(false);
    }
}
