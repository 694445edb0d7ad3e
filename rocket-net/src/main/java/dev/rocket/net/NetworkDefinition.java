package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One network a pod can join: its CNI configuration, either a single plugin ({@code .conf}: {@code name},
 * {@code type}, plugin fields, {@code ipam}) or a list ({@code .conflist}: {@code name}, {@code cniVersion},
 * {@code plugins}), and where it came from (a file, or {@code built-in}).
 */
public record NetworkDefinition(String name, ObjectNode config, String source) {

    public NetworkDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
    }

    public boolean isList() {
        return config.has("plugins");
    }

    /** The plugin configurations to run in order, each with the network's name and CNI version. */
    public List<ObjectNode> plugins() {
        if (!isList()) return List.of(config.deepCopy());
        List<ObjectNode> plugins = new ArrayList<>();
        for (JsonNode plugin : config.get("plugins")) {
            ObjectNode copy = ((ObjectNode) plugin).deepCopy();
            copy.put("name", name);
            copy.put("cniVersion", cniVersion());
            plugins.add(copy);
        }
        return plugins;
    }

    public String cniVersion() {
        return config.path("cniVersion").asText(BuiltinNetworks.CNI_VERSION);
    }

    /** The type of the (first) plugin, e.g. {@code ptp}. */
    public String type() {
        return plugins().getFirst().path("type").asText();
    }

    /** Whether a plugin masquerades the pod's traffic; the first such network carries forwarded ports. */
    public boolean masquerades() {
        return plugins().stream().anyMatch(plugin -> plugin.path("ipMasq").asBoolean(false));
    }
}
