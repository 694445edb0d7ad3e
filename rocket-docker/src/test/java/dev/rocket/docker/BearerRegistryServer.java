package dev.rocket.docker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTPS registry that only answers with a bearer token, as Docker Hub does: {@code /v2/...} asks for
 * one with a {@code WWW-Authenticate: Bearer realm=...} challenge, {@code /token} hands it out (to the given
 * user only, when one is set), and blobs are redirected to {@code /storage/}, where they are served without
 * auth. Content comes from an OCI layout's blobs; {@code /v2/REPO/manifests/TAG} serves {@code tagged}.
 */
final class BearerRegistryServer implements AutoCloseable {

    private static final String TOKEN = "t0k3n";

    private final HttpsServer server;
    private final Path blobs;
    private final Digest tagged;
    private final String basic;
    /** The Authorization header of each request, in order, for tests to check what was sent where. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    BearerRegistryServer(SSLContext tls, Path layout, Digest tagged, String user, String password) throws IOException {
        this.blobs = layout.resolve("blobs/sha256");
        this.tagged = tagged;
        this.basic = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(path + " " + auth);
            if (path.equals("/token")) {
                if (basic != null && !basic.equals(auth)) {
                    send(exchange, 401, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
                    return;
                }
                send(exchange, 200, ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            if (path.startsWith("/storage/")) {
                send(exchange, 200, Files.readAllBytes(blobs.resolve(path.substring("/storage/sha256:".length()))),
                        "application/octet-stream");
                return;
            }
            if (!("Bearer " + TOKEN).equals(auth)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"https://" + host()
                        + "/token\",service=\"test-registry\",scope=\"repository:test/app:pull\"");
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                        .getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            if (path.equals("/v2/")) {
                send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            } else if (path.startsWith("/v2/test/app/manifests/")) {
                String reference = path.substring("/v2/test/app/manifests/".length());
                Digest digest = reference.equals("v1") ? tagged : new Digest("sha256", reference.substring("sha256:".length()));
                Path file = blobs.resolve(digest.hex());
                if (!Files.exists(file)) {
                    send(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
                            .getBytes(StandardCharsets.UTF_8), "application/json");
                    return;
                }
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest.toString());
                send(exchange, 200, Files.readAllBytes(file), ManifestResolver.OCI_MANIFEST);
            } else if (path.startsWith("/v2/test/app/blobs/")) {
                exchange.getResponseHeaders().add("Location", "/storage/" + path.substring("/v2/test/app/blobs/".length()));
                send(exchange, 307, new byte[0], "text/plain");
            } else {
                send(exchange, 404, new byte[0], "text/plain");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
