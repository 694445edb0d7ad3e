package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where registries keep their simple-signing signatures: {@code DIR/signatures.d/*.json} files of
 * {@code rktKind: dockerSignatures} name registries and their lookaside base URL ({@code file://},
 * {@code https://}), in the same configuration directories as {@code auth.d}; a later directory overrides
 * an earlier one for the same registry.
 */
public final class LookasideConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LookasideConfig() {
    }

    public static Map<String, URI> read(List<Path> configDirectories) throws RocketException {
        Map<String, URI> lookaside = new HashMap<>();
        for (Path config : configDirectories) {
            Path dir = config.resolve("signatures.d");
            if (!Files.isDirectory(dir)) continue;
            TreeSet<Path> files = new TreeSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
                entries.forEach(files::add);
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot list " + dir + ": " + e.getMessage(), e);
            }
            for (Path file : files) readFile(file, lookaside);
        }
        return lookaside;
    }

    private static void readFile(Path file, Map<String, URI> lookaside) throws RocketException {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !"dockerSignatures".equals(json.path("rktKind").asText())) return;
        String base = json.path("lookaside").asText("");
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, file + ": \"lookaside\" is not a URL: " + base);
        }
        if (!List.of("file", "https", "http").contains(String.valueOf(uri.getScheme()))
                || !json.path("registries").isArray() || json.path("registries").isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, file + ": a dockerSignatures file needs \"registries\" and a"
                    + " \"lookaside\" file://, https:// or http:// URL");
        }
        for (JsonNode registry : json.path("registries")) lookaside.put(registry.asText(), uri);
    }
}
