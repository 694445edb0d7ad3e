package dev.rocket.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * rkt's {@code auth.d} (configuration.md, kind {@code auth}, version {@code v1}): {@code *.json} files in
 * {@code <config>/auth.d} naming domains and their {@code basic} (user, password) or {@code oauth} (bearer
 * token) credentials. Directories are read lowest precedence first; a later one overrides per domain.
 * Files of other kinds ({@code dockerAuth}) are left to registry fetching.
 */
public final class AuthConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthConfig() {
    }

    /** The headers configured in {@code configDirs} (e.g. system, then local). */
    public static AuthHeaders read(List<Path> configDirs) throws RocketException {
        Map<String, String> headers = new HashMap<>();
        for (Path config : configDirs) {
            Map<String, Path> seen = new HashMap<>();
            for (Path file : jsonFiles(config.resolve("auth.d"))) {
                JsonNode root = parse(file);
                if (!"auth".equals(root.path("rktKind").asText())) continue;
                if (!"v1".equals(root.path("rktVersion").asText())) {
                    throw invalid(file, "rktVersion must be \"v1\"");
                }
                String header = header(file, root);
                JsonNode domains = root.path("domains");
                if (!domains.isArray() || domains.isEmpty()) throw invalid(file, "\"domains\" must be a non-empty list of hosts");
                for (JsonNode domain : domains) {
                    String name = domain.asText().toLowerCase(Locale.ROOT);
                    if (name.isEmpty()) throw invalid(file, "a domain must not be empty");
                    Path earlier = seen.put(name, file);
                    if (earlier != null) {
                        throw invalid(file, "domain " + name + " is already configured in " + earlier.getFileName());
                    }
                    headers.put(name, header);
                }
            }
        }
        return new AuthHeaders(headers);
    }

    private static String header(Path file, JsonNode root) throws RocketException {
        JsonNode credentials = root.path("credentials");
        String type = root.path("type").asText();
        return switch (type) {
            case "basic" -> {
                String user = required(file, credentials, "user");
                String password = required(file, credentials, "password");
                yield "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            }
            case "oauth" -> "Bearer " + required(file, credentials, "token");
            case "" -> throw invalid(file, "\"type\" must be given (basic or oauth)");
            default -> throw invalid(file, "authentication type \"" + type + "\" is not supported (basic or oauth)");
        };
    }

    private static String required(Path file, JsonNode credentials, String field) throws RocketException {
        String value = credentials.path(field).asText();
        if (value.isEmpty()) throw invalid(file, "credentials." + field + " must be given and not empty");
        return value;
    }

    private static List<Path> jsonFiles(Path dir) throws RocketException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> files = new ArrayList<>(entries.filter(p -> p.getFileName().toString().endsWith(".json")).toList());
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path file) throws RocketException {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) throw invalid(file, "expected a JSON object");
            return root;
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, file + " disappeared while reading auth.d");
        } catch (IOException e) {
            throw invalid(file, "not valid JSON: " + e.getMessage());
        }
    }

    private static RocketException invalid(Path file, String why) {
        return new RocketException(Kind.INVALID_ARGUMENT, "bad authentication config " + file + ": " + why);
    }
}
