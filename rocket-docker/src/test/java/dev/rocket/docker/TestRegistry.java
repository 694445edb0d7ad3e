package dev.rocket.docker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real registry for tests: Debian's {@code docker-registry} on a free loopback port with its storage in a
 * temporary directory, filled with {@code skopeo copy}. {@link #close()} stops it.
 */
final class TestRegistry implements AutoCloseable {

    private final Path storage;
    private final Process process;
    private final int port;

    private final String scheme;
    private final String credentials;

    TestRegistry(Path work) throws Exception {
        this(work, null, null, null);
    }

    /** With TLS and htpasswd (bcrypt) basic auth for one user when {@code tls} is given. */
    TestRegistry(Path work, TestTls tls, String user, String password) throws Exception {
        this.scheme = tls == null ? "http" : "https";
        this.credentials = user == null ? null : user + ":" + password;
        String extra = "";
        if (tls != null) {
            Path htpasswd = work.resolve("htpasswd");
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            Files.writeString(htpasswd, user + ":" + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate(
                    "2y", password.toCharArray(), salt, 4) + "\n");
            extra = """
                  tls:
                    certificate: %s
                    key: %s
                auth:
                  htpasswd:
                    realm: test-realm
                    path: %s
                """.formatted(tls.certificate, tls.key, htpasswd);
        }
        this.storage = Files.createDirectories(work.resolve("registry"));
        this.port = freePort();
        Path config = work.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage, port) + extra);
        process = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
        awaitReady(work);
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Copies an image of an OCI layout into the registry as {@code repository:tag}. */
    void push(Path layout, String ref, String repositoryAndTag, boolean all) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false"));
        if (all) command.add("--all");
        if (credentials != null) command.add("--dest-creds=" + credentials);
        command.add("oci:" + layout + ":" + ref);
        command.add("docker://" + host() + "/" + repositoryAndTag);
        run(command);
    }

    /** The registry's stored file of a blob, for tests that corrupt it. */
    Path blobData(Digest digest) throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(p -> p.endsWith(Path.of("blobs", digest.algorithm(), digest.hex().substring(0, 2), digest.hex(), "data")))
                    .findFirst().orElseThrow(() -> new IOException("no blob " + digest + " in the registry"));
        }
    }

    static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + output);
    }

    private void awaitReady(Path work) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TrustAllForTests.context()).build();
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) throw new IOException("docker-registry exited: " + Files.readString(work.resolve("registry.log")));
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(scheme + "://" + host() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("docker-registry did not start: " + Files.readString(work.resolve("registry.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
