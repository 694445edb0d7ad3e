package dev.rocket.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The networks a pod can join: the {@code *.conf} files of the {@code net.d} directories, in lexicographic order
 * of file name (a local file shadows a system file of the same name), plus the built-in {@code default} and
 * {@code default-restricted} unless a file overrides them.
 */
public final class NetworkCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, NetworkDefinition> configured;

    private NetworkCatalog(Map<String, NetworkDefinition> configured) {
        this.configured = configured;
    }

    public static NetworkCatalog load(List<Path> configDirs) throws RocketException {
        Map<String, Path> filesByName = new TreeMap<>();
        for (Path dir : configDirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> isConfigFile(f.getFileName().toString()) && Files.isRegularFile(f))
                        .forEach(f -> filesByName.putIfAbsent(f.getFileName().toString(), f));
            } catch (IOException e) {
                throw new RocketException(RocketException.Kind.UNAVAILABLE,
                        "cannot list network configurations in " + dir + ": " + e.getMessage(), e);
            }
        }
        Map<String, NetworkDefinition> byName = new LinkedHashMap<>();
        for (Path file : filesByName.values()) {
            NetworkDefinition definition = read(file);
            NetworkDefinition earlier = byName.putIfAbsent(definition.name(), definition);
            if (earlier != null) {
                throw new RocketException(RocketException.Kind.FAILED_PRECONDITION, "network '" + definition.name()
                        + "' is defined twice: in " + earlier.source() + " and " + file + "; rename one");
            }
        }
        return new NetworkCatalog(byName);
    }

    /** The networks from configuration files, in load order. */
    public List<NetworkDefinition> configured() {
        return List.copyOf(configured.values());
    }

    /**
     * The networks to join, in rkt's order: configured networks in file order (all of them for {@code all}),
     * then {@code default} or {@code default-restricted}. An unknown name is an error that lists the known ones.
     */
    public List<NetworkDefinition> resolve(NetSelection selection) throws RocketException {
        if (selection.mode() != NetSelection.Mode.CONTAINED) return List.of();
        List<String> wanted = selection.requests().stream().map(NetworkRequest::name).toList();
        List<NetworkDefinition> result = new ArrayList<>();
        for (NetworkDefinition definition : configured.values()) {
            if (isBuiltinName(definition.name())) continue;
            if (selection.allConfigured() || wanted.contains(definition.name())) result.add(definition);
        }
        for (String name : wanted) {
            if (isBuiltinName(name)) {
                result.add(configured.getOrDefault(name, builtin(name)));
            } else if (!configured.containsKey(name)) {
                throw new RocketException(RocketException.Kind.NOT_FOUND, "network '" + name + "' is not defined; "
                        + "known networks: " + String.join(", ", known()) + " (add a NAME.conf file to net.d)");
            }
        }
        return result;
    }

    private List<String> known() {
        List<String> names = new ArrayList<>(configured.keySet());
        if (!names.contains(NetSelection.DEFAULT)) names.add(NetSelection.DEFAULT);
        if (!names.contains(NetSelection.DEFAULT_RESTRICTED)) names.add(NetSelection.DEFAULT_RESTRICTED);
        return names;
    }

    private static boolean isBuiltinName(String name) {
        return name.equals(NetSelection.DEFAULT) || name.equals(NetSelection.DEFAULT_RESTRICTED);
    }

    private static NetworkDefinition builtin(String name) {
        return name.equals(NetSelection.DEFAULT) ? BuiltinNetworks.defaultNetwork() : BuiltinNetworks.defaultRestricted();
    }

    private static boolean isConfigFile(String fileName) {
        return fileName.endsWith(".conf") || fileName.endsWith(".conflist");
    }

    private static NetworkDefinition read(Path file) throws RocketException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "network configuration " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE,
                    "cannot read network configuration " + file + ": " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode config)) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "network configuration " + file + " must be a JSON object");
        }
        String name = config.path("name").asText("");
        boolean list = file.getFileName().toString().endsWith(".conflist");
        if (name.isEmpty() || (list ? !hasPluginTypes(config) : config.path("type").asText("").isEmpty())) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "network configuration " + file
                    + (list ? " needs a \"name\" and a non-empty \"plugins\" list, each with a \"type\""
                    : " needs a \"name\" and a \"type\""));
        }
        if (name.equals("all") || name.equals("host") || name.equals("none") || name.contains(",") || name.contains(":")) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "network configuration " + file
                    + " uses the name '" + name + "', which --net cannot select; choose another");
        }
        // rkt-era files carry no cniVersion; 0.4.0 is the oldest version whose results the portmap plugin chains on.
        if (!config.hasNonNull("cniVersion")) config.put("cniVersion", BuiltinNetworks.CNI_VERSION);
        return new NetworkDefinition(name, config, file.toString());
    }

    private static boolean hasPluginTypes(ObjectNode config) {
        JsonNode plugins = config.path("plugins");
        if (!plugins.isArray() || plugins.isEmpty()) return false;
        for (JsonNode plugin : plugins) {
            if (!plugin.isObject() || plugin.path("type").asText("").isEmpty()) return false;
        }
        return true;
    }
}
