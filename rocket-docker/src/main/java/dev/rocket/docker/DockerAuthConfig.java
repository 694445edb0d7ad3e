package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Registry credentials from rkt's {@code auth.d} configuration ({@code rktKind: dockerAuth}, configuration.md):
 * each file names registries and the user and password for them. Directories are read in the order given
 * (system, local, user), so a later one overrides an earlier one for the same registry; other kinds of file
 * in {@code auth.d} are left to their readers.
 */
public final class DockerAuthConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerAuthConfig() {
    }

    /** Credentials by registry host from {@code DIR/auth.d/*.json} of each directory. */
    public static Map<String, Credentials> read(List<Path> configDirectories) throws RocketException {
        Map<String, Credentials> credentials = new HashMap<>();
        for (Path config : configDirectories) {
            Path authDir = config.resolve("auth.d");
            if (!Files.isDirectory(authDir)) continue;
            TreeSet<Path> files = new TreeSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(authDir, "*.json")) {
                entries.forEach(files::add);
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot list " + authDir + ": " + e.getMessage(), e);
            }
            for (Path file : files) readFile(file, credentials);
        }
        return credentials;
    }

    private static void readFile(Path file, Map<String, Credentials> credentials) throws RocketException {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !"dockerAuth".equals(json.path("rktKind").asText())) return;
        if (!"v1".equals(json.path("rktVersion").asText())) {
            throw new RocketException(Kind.INVALID_ARGUMENT, file + ": unsupported rktVersion \""
                    + json.path("rktVersion").asText() + "\" of dockerAuth (expected v1)");
        }
        String user = json.path("credentials").path("user").asText("");
        String password = json.path("credentials").path("password").asText("");
        if (user.isEmpty() || !json.path("registries").isArray() || json.path("registries").isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, file + ": a dockerAuth file needs \"registries\" and"
                    + " \"credentials\" with a \"user\" and \"password\"");
        }
        for (JsonNode registry : json.path("registries")) {
            credentials.put(registry.asText(), new Credentials(user, password));
        }
    }
}
