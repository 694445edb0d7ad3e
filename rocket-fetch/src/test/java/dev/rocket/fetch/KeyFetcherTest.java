package dev.rocket.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.trust.OpenPgpKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys for rkt trust from files, loopback HTTPS (a CA made by the test) and, only when allowed, HTTP. */
class KeyFetcherTest {

    @TempDir
    static Path shared;

    static TestTls tls;
    static TestImages images;
    static byte[] key;
    static HttpsServer https;
    static HttpServer http;

    @BeforeAll
    static void serve() throws Exception {
        tls = TestTls.create(Files.createDirectories(shared.resolve("tls")));
        images = new TestImages(Files.createDirectories(shared.resolve("images")));
        key = Files.readAllBytes(images.publicKey());
        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.server));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (var server : List.of(https, http)) {
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", KeyFetcherTest::handle);
            server.start();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        https.stop(0);
        http.stop(0);
        images.stop();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/key.asc" -> {
                    exchange.sendResponseHeaders(200, key.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(key);
                    }
                }
                case "/to-http" -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + http.getAddress().getPort() + "/key.asc");
                    exchange.sendResponseHeaders(302, -1);
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static KeyFetcher fetcher(boolean allowHttp) throws RocketException {
        InsecureOptions options = InsecureOptions.parse(allowHttp ? List.of("http") : List.of());
        return new KeyFetcher(new HttpDownloader(options, Optional.of(tls.client), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC()), allowHttp);
    }

    private static String httpsUrl(String path) {
        return "https://127.0.0.1:" + https.getAddress().getPort() + path;
    }

    private static String httpUrl(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Test
    void keyOverHttpsIsTheSameAsFromItsFile() throws Exception {
        List<OpenPgpKey> fromUrl = fetcher(false).keys(httpsUrl("/key.asc"));
        List<OpenPgpKey> fromFile = fetcher(false).keys(images.publicKey().toString());
        assertEquals(1, fromUrl.size());
        assertEquals(fromFile.getFirst().fingerprint(), fromUrl.getFirst().fingerprint());
        assertTrue(fromUrl.getFirst().userIds().contains("Image Signer <signer@example.com>"));
    }

    @Test
    void plainHttpOnlyWhenAllowed() throws Exception {
        RocketException refused = assertThrows(RocketException.class, () -> fetcher(false).keys(httpUrl("/key.asc")));
        assertEquals(Kind.INVALID_ARGUMENT, refused.kind());
        assertTrue(refused.getMessage().contains("--insecure-allow-http"), refused.getMessage());
        assertThrows(RocketException.class, () -> fetcher(false).keys(httpsUrl("/to-http")));
        assertEquals(1, fetcher(true).keys(httpUrl("/key.asc")).size());
        assertEquals(1, fetcher(true).keys(httpsUrl("/to-http")).size());
    }

    @Test
    void missingKeysAndBadCertificatesAreClearErrors() throws Exception {
        RocketException missing = assertThrows(RocketException.class, () -> fetcher(false).keys(httpsUrl("/nothing.asc")));
        assertEquals(Kind.NOT_FOUND, missing.kind(), missing.getMessage());
        HttpDownloader untrusting = new HttpDownloader(InsecureOptions.none(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC());
        assertThrows(RocketException.class, () -> new KeyFetcher(untrusting, false).keys(httpsUrl("/key.asc")));
        assertEquals(Kind.NOT_FOUND, assertThrows(RocketException.class,
                () -> fetcher(false).keys(shared.resolve("absent.asc").toString())).kind());
    }
}
