package dev.rocket.cli.rkt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rkt fetch NAME}, {@code rkt trust --prefix} without a key and {@code actool discover} against a
 * plain HTTP server on loopback standing in for example.com (HTTPS, auth and the walk are covered in
 * rocket-fetch's DiscoveryFetchTest; here the command lines are wired to them). {@code --connect-to}
 * reaches the server without DNS.
 */
class DiscoveryCommandsTest {

    @TempDir
    static Path shared;

    static HttpServer server;
    static int closedPort;
    static final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws Exception {
        Path layout = Files.createDirectories(shared.resolve("layout/rootfs")).getParent();
        Files.writeString(layout.resolve("rootfs/hello"), "hello");
        Files.writeString(layout.resolve("manifest"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/hello",
                 "labels": [{"name": "version", "value": "1.0"}]}
                """);
        Path aci = shared.resolve("hello.aci");
        assertEquals(0, CliRun.actool("build", layout.toString(), aci.toString()).exitCode());
        gpg("--quick-gen-key", "Signer <signer@example.com>", "ed25519", "sign", "never");
        gpg("--armor", "--detach-sign", "--output", aci + ".asc", aci.toString());
        files.put("/images/example.com/hello-1.0.aci", Files.readAllBytes(aci));
        files.put("/images/example.com/hello-1.0.aci.asc", Files.readAllBytes(Path.of(aci + ".asc")));
        files.put("/keys.asc", gpg("--armor", "--export", "signer@example.com").getBytes(StandardCharsets.UTF_8));
        files.put("/?ac-discovery=1", """
                <html><head>
                <meta name="ac-discovery" content="example.com http://example.com/images/{name}-{version}.{ext}">
                <meta name="ac-discovery-pubkeys" content="example.com http://example.com/keys.asc">
                </head></html>""".getBytes(StandardCharsets.UTF_8));
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", DiscoveryCommandsTest::handle);
        server.start();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = files.get(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
            if (body == null && query != null) body = files.get("/?" + query);
            if (body == null || (query != null && !exchange.getRequestURI().getRawPath().equals("/"))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all");
        kill.environment().put("GNUPGHOME", shared.resolve("gnupg").toString());
        kill.start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String gpg(String... args) throws Exception {
        Path home = Files.createDirectories(shared.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--passphrase", "", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", home.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "gpg " + String.join(" ", args));
        return out;
    }

    /** Plain HTTP reaches the server; HTTPS a closed loopback port, so that it fails at once. */
    private static String route() {
        return "--connect-to=example.com:80=127.0.0.1:" + server.getAddress().getPort()
                + ",example.com:443=127.0.0.1:" + closedPort;
    }

    private CliRun rkt(String input, String... args) {
        List<String> all = new ArrayList<>(List.of("--dir=" + dir.resolve("data"), "--local-config=" + dir.resolve("etc"),
                "--system-config=" + dir.resolve("lib"), route()));
        all.addAll(List.of(args));
        return CliRun.rktWithInput(input, all.toArray(String[]::new));
    }

    @Test
    void actoolDiscoverPrintsTheUrls() {
        CliRun text = CliRun.actool("discover", "--insecure", route(), "example.com/hello:1.0");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals("""
                ACI: http://example.com/images/example.com/hello-1.0.aci, ASC: http://example.com/images/example.com/hello-1.0.aci.asc
                Keys: http://example.com/keys.asc
                """, text.out());
        CliRun json = CliRun.actool("discover", "--json", "--insecure", route(), "example.com/hello:1.0");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"aci\" : \"http://example.com/images/example.com/hello-1.0.aci\""), json.out());
        assertTrue(json.out().contains("\"publicKeys\" : [ \"http://example.com/keys.asc\" ]"), json.out());
        CliRun secure = CliRun.actool("discover", route(), "example.com/hello:1.0");
        assertEquals(CommandRunner.EXIT_FAILURE, secure.exitCode(), "without --insecure only https is tried");
        assertEquals(1, secure.err().lines().count(), secure.err());
    }

    @Test
    void trustDiscoversKeysWithReviewThenFetchByName() {
        CliRun declined = rkt("no\n", "--insecure-options=http", "trust", "--prefix=example.com/hello", "--insecure-allow-http");
        assertEquals(0, declined.exitCode(), declined.err());
        assertTrue(declined.out().contains("GPG key fingerprint is:") && declined.out().contains("Not trusting"), declined.out());
        CliRun untrusted = rkt("", "--insecure-options=http", "fetch", "example.com/hello:1.0");
        assertEquals(CommandRunner.EXIT_FAILURE, untrusted.exitCode());

        CliRun trusted = rkt("yes\n", "trust", "--prefix=example.com/hello", "--insecure-allow-http");
        assertEquals(0, trusted.exitCode(), trusted.err());
        assertTrue(trusted.out().contains("Added key for prefix \"example.com/hello\""), trusted.out());
        CliRun fetched = rkt("", "--insecure-options=http", "fetch", "example.com/hello:1.0");
        assertEquals(0, fetched.exitCode(), fetched.err());
        assertTrue(fetched.out().matches("sha512-[0-9a-f]{32}\n"), fetched.out());
        CliRun again = rkt("", "fetch", "--pull-policy=never", "example.com/hello:1.0");
        assertEquals(fetched.out(), again.out(), "the stored image answers the name without the network");
    }

    @Test
    void wrongVersionIsRefused() {
        assertEquals(0, rkt("", "trust", "--prefix=example.com", "--skip-fingerprint-review", "--insecure-allow-http").exitCode());
        files.put("/images/example.com/hello-2.0.aci", files.get("/images/example.com/hello-1.0.aci"));
        files.put("/images/example.com/hello-2.0.aci.asc", files.get("/images/example.com/hello-1.0.aci.asc"));
        CliRun run = rkt("", "--insecure-options=http", "fetch", "example.com/hello:2.0");
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("version=1.0, not version=2.0"), run.err());
        assertEquals("", rkt("", "image", "list", "--no-legend").out());
    }

    @Test
    void trustKeysFromHttpsRefusesPlainHttpKeys() {
        CliRun run = rkt("", "--insecure-options=http", "--trust-keys-from-https", "fetch", "example.com/hello:1.0");
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("trusts only https"), run.err());
    }
}
