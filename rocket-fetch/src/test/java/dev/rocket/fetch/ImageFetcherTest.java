package dev.rocket.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.crypto.OpenSslProvider;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.RenderedTree;
import dev.rocket.store.tree.TreeStore;
import dev.rocket.trust.ConfigLayer;
import dev.rocket.trust.OpenPgpKey;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustDirectories;
import dev.rocket.trust.TrustScope;
import dev.rocket.trust.TrustStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching from real HTTPS and HTTP servers on loopback, with a CA and keys made by the tests. */
class ImageFetcherTest {

    @TempDir
    static Path shared;

    static TestTls tls;
    static TestImages images;
    static byte[] hello;
    static byte[] helloSignature;
    static byte[] other;
    static Path key;

    static HttpsServer https;
    static HttpServer http;
    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    static final List<String> conditionalHeaders = new ArrayList<>();

    @TempDir
    Path dir;

    ImageStore store;
    final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void serve() throws Exception {
        tls = TestTls.create(Files.createDirectories(shared.resolve("tls")));
        images = new TestImages(Files.createDirectories(shared.resolve("images")));
        Path helloAci = images.image("example.com/hello", "hello");
        hello = Files.readAllBytes(helloAci);
        helloSignature = Files.readAllBytes(images.sign(helloAci));
        other = Files.readAllBytes(images.image("example.com/hello", "tampered"));
        key = images.publicKey();

        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.server));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (var server : List.of(https, http)) {
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", ImageFetcherTest::handle);
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
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            switch (path) {
                case "/hello.aci", "/tampered.aci" -> {
                    String etag = "\"v1\"";
                    exchange.getRequestHeaders().getOrDefault("If-None-Match", List.of()).forEach(conditionalHeaders::add);
                    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                        return;
                    }
                    exchange.getResponseHeaders().add("ETag", etag);
                    send(exchange, path.equals("/hello.aci") ? hello : other);
                }
                // The stalled and cut images have signatures, so that their fetches get as far as the body: the
                // signature is fetched between the image's headers and its body, which streams into the pass.
                case "/hello.aci.asc", "/tampered.aci.asc", "/fresh.aci.asc", "/nocache.aci.asc", "/stall.aci.asc",
                     "/short.aci.asc" -> send(exchange, helloSignature);
                case "/fresh.aci" -> {
                    exchange.getResponseHeaders().add("ETag", "\"fresh\"");
                    exchange.getResponseHeaders().add("Cache-Control", "public, max-age=3600");
                    send(exchange, hello);
                }
                case "/nocache.aci" -> {
                    String lastModified = "Wed, 21 Oct 2026 07:28:00 GMT";
                    exchange.getRequestHeaders().getOrDefault("If-Modified-Since", List.of()).forEach(conditionalHeaders::add);
                    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
                    if (lastModified.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                        exchange.sendResponseHeaders(304, -1);
                        return;
                    }
                    exchange.getResponseHeaders().add("Last-Modified", lastModified);
                    send(exchange, hello);
                }
                case "/redirect.aci" -> {
                    exchange.getResponseHeaders().add("Location", "hello.aci");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/unsigned.aci" -> send(exchange, hello);
                case "/stall.aci" -> {
                    exchange.sendResponseHeaders(200, hello.length);
                    exchange.getResponseBody().write(hello, 0, 100);
                    exchange.getResponseBody().flush();
                    sleep(4000);
                }
                case "/short.aci" -> {
                    exchange.sendResponseHeaders(200, hello.length);
                    exchange.getResponseBody().write(hello, 0, 100);
                    exchange.getResponseBody().flush();
                    throw new IOException("cut the connection");
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @BeforeEach
    void openStore() throws Exception {
        store = ImageStore.open(new StoreLayout(dir.resolve("data")));
        TrustStore trust = new TrustStore(new TrustDirectories(dir.resolve("lib"), dir.resolve("etc"), Optional.empty()));
        try (InputStream in = Files.newInputStream(key)) {
            trust.add(TrustScope.prefix(new AcIdentifier("example.com")), OpenPgpKey.readAll(in, key.toString()).getFirst(), ConfigLayer.LOCAL);
        }
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    /**
     * The time without a byte after which a download counts as stalled, for the test of that; the others wait
     * longer, since a loaded machine (a first TLS handshake, classes loading) can be silent for a second.
     */
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final Duration PATIENT = Duration.ofSeconds(20);

    private ImageFetcher fetcher(String... insecure) throws RocketException {
        return fetcher(Optional.of(tls.client), PATIENT, insecure);
    }

    private ImageFetcher fetcher(Optional<javax.net.ssl.SSLContext> trust, String... insecure) throws RocketException {
        return fetcher(trust, PATIENT, insecure);
    }

    private ImageFetcher fetcher(Optional<javax.net.ssl.SSLContext> trust, Duration stall, String... insecure)
            throws RocketException {
        InsecureOptions options = InsecureOptions.parse(List.of(insecure));
        HttpDownloader downloader = new HttpDownloader(options, trust, PATIENT, stall, Clock.systemUTC());
        TrustStore trustStore = new TrustStore(new TrustDirectories(dir.resolve("lib"), dir.resolve("etc"), Optional.empty()));
        return new ImageFetcher(store, new SignatureVerifier(trustStore), downloader, options, new FetchEvents() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
    }

    private static String url(String path) {
        return "https://127.0.0.1:" + https.getAddress().getPort() + path;
    }

    private void assertNothingStored() throws Exception {
        assertEquals(List.of(), store.list());
        try (var tmp = Files.list(store.layout().tmp())) {
            assertEquals(List.of(), tmp.toList());
        }
    }

    @Test
    void fetchesVerifiesAndStoresOverHttps() throws Exception {
        ImageRecord record = fetcher().fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW);
        assertEquals("example.com/hello", record.name().value());
        assertEquals(URI.create(url("/hello.aci")), record.origin().orElseThrow());
        assertEquals(1, store.list().size());
        int before = requests.get("/hello.aci").get();
        assertEquals(record.id(), fetcher().fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW).id());
        assertEquals(before, requests.get("/hello.aci").get(), "the new policy must not ask the server again");
    }

    @Test
    void aFetchHashesAndDecryptsWithOpenSsl() throws Exception {
        fetcher().fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW);
        // installed before the connection opened, so TLS and every hash of the pass used libcrypto's
        assertEquals(OpenSslProvider.NAME, Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
        assertEquals(OpenSslProvider.NAME, MessageDigest.getInstance("SHA-512").getProvider().getName());
        assertEquals(OpenSslProvider.NAME, MessageDigest.getInstance("SHA-256").getProvider().getName());
    }

    @Test
    void updatePolicyRevalidatesWithTheEtag() throws Exception {
        ImageRecord first = fetcher().fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW);
        conditionalHeaders.clear();
        ImageRecord again = fetcher().fetch(url("/hello.aci"), Optional.empty(), PullPolicy.UPDATE);
        assertEquals(first.id(), again.id());
        assertEquals(List.of("\"v1\""), conditionalHeaders);
        assertEquals(1, store.list().size());
    }

    @Test
    void updatePolicyTrustsMaxAgeUntilItRunsOut() throws Exception {
        ImageRecord first = fetcher().fetch(url("/fresh.aci"), Optional.empty(), PullPolicy.UPDATE);
        assertTrue(first.cache().expires().isPresent());
        assertEquals(Optional.of("\"fresh\""), first.cache().etag());
        int before = requests.get("/fresh.aci").get();
        assertEquals(first.id(), fetcher().fetch(url("/fresh.aci"), Optional.empty(), PullPolicy.UPDATE).id());
        assertEquals(before, requests.get("/fresh.aci").get(), "a copy within its max-age must not be fetched again");
        assertEquals(first.id(), fetcher().fetch(url("/fresh.aci"), Optional.empty(), PullPolicy.NEVER).id());
        assertEquals(before, requests.get("/fresh.aci").get());
    }

    @Test
    void updatePolicyRevalidatesWithLastModifiedWhenNoCache() throws Exception {
        ImageRecord first = fetcher().fetch(url("/nocache.aci"), Optional.empty(), PullPolicy.UPDATE);
        assertEquals(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"), first.cache().lastModified());
        assertTrue(!first.cache().isFresh(java.time.Instant.now()), "no-cache must never count as fresh");
        conditionalHeaders.clear();
        int before = requests.get("/nocache.aci").get();
        ImageRecord again = fetcher().fetch(url("/nocache.aci"), Optional.empty(), PullPolicy.UPDATE);
        assertEquals(before + 1, requests.get("/nocache.aci").get(), "update must ask the server");
        assertEquals(List.of("Wed, 21 Oct 2026 07:28:00 GMT"), conditionalHeaders);
        assertEquals(first.id(), again.id());
        assertEquals(1, store.list().size());
        assertEquals(before + 1, requests.get("/nocache.aci").get(), "304: nothing downloaded again");
    }

    @Test
    void theManifestMayComeLastSinceTheSignatureIsJudgedAfterTheOnePass() throws Exception {
        Path aci = dir.resolve("manifest-last.aci");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(aci))) {
            tar.putArchiveEntry(new org.apache.commons.compress.archivers.tar.TarArchiveEntry("rootfs/"));
            tar.closeArchiveEntry();
            addFile(tar, "rootfs/content", "late".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            addFile(tar, "manifest", """
                    {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/late"}"""
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        images.sign(aci);
        ImageRecord record = fetcher().fetch(aci.toString(), Optional.empty(), PullPolicy.UPDATE);
        assertEquals("example.com/late", record.name().value());
        assertEquals(dev.rocket.spec.aci.AciReader.imageId(Files.newInputStream(aci)), record.id());
        store.verify(record.id());
    }

    private static void addFile(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar, String name,
                                byte[] content) throws IOException {
        var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    @Test
    void neverPolicyDoesNotFetch() {
        RocketException e = assertThrows(RocketException.class,
                () -> fetcher().fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEVER));
        assertEquals(Kind.NOT_FOUND, e.kind());
    }

    @Test
    void followsRedirects() throws Exception {
        assertEquals("example.com/hello", fetcher().fetch(url("/redirect.aci"), Optional.of(url("/hello.aci.asc")), PullPolicy.NEW)
                .name().value());
    }

    @Test
    void refusesWhatCannotBeTrusted() throws Exception {
        RocketException tampered = assertThrows(RocketException.class,
                () -> fetcher().fetch(url("/tampered.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, tampered.kind());
        RocketException unsigned = assertThrows(RocketException.class,
                () -> fetcher().fetch(url("/unsigned.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, unsigned.kind());
        assertTrue(unsigned.getMessage().contains("--insecure-options=image"), unsigned.getMessage());
        RocketException certificate = assertThrows(RocketException.class,
                () -> fetcher(Optional.empty()).fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, certificate.kind());
        assertTrue(certificate.getMessage().contains("--insecure-options=tls"), certificate.getMessage());
        RocketException missing = assertThrows(RocketException.class,
                () -> fetcher().fetch(url("/missing.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertNothingStored();
    }

    @Test
    void insecureOptionsAreExplicitEscapes() throws Exception {
        assertEquals("example.com/hello", fetcher(Optional.empty(), "tls").fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW)
                .name().value());
        fetcher("image").fetch(url("/unsigned.aci"), Optional.empty(), PullPolicy.NEW);
        assertEquals(List.of("image signature verification has been disabled"), warnings);
    }

    @Test
    void plainHttpNeedsItsOption() throws Exception {
        String plain = "http://127.0.0.1:" + http.getAddress().getPort() + "/hello.aci";
        RocketException refused = assertThrows(RocketException.class, () -> fetcher().fetch(plain, Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.INVALID_ARGUMENT, refused.kind());
        assertTrue(refused.getMessage().contains("--insecure-options=http"), refused.getMessage());
        assertNothingStored();
        assertEquals("example.com/hello", fetcher("http").fetch(plain, Optional.empty(), PullPolicy.NEW).name().value());
    }

    @Test
    void stalledAndTruncatedDownloadsFail() throws Exception {
        RocketException stalled = assertThrows(RocketException.class,
                () -> fetcher(Optional.of(tls.client), STALL).fetch(url("/stall.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.UNAVAILABLE, stalled.kind());
        assertTrue(stalled.getMessage().contains("sent nothing") || stalled.getMessage().contains("stalled"), stalled.getMessage());
        RocketException truncated = assertThrows(RocketException.class,
                () -> fetcher().fetch(url("/short.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.UNAVAILABLE, truncated.kind());
        assertNothingStored();
    }

    @Test
    void localFilesAndFileUrls() throws Exception {
        Path aci = dir.resolve("local.aci");
        Files.write(aci, hello);
        Files.write(dir.resolve("local.aci.asc"), helloSignature);
        assertEquals("example.com/hello", fetcher().fetch(aci.toString(), Optional.empty(), PullPolicy.NEW).name().value());
        assertEquals("example.com/hello", fetcher().fetch("file://" + aci, Optional.empty(), PullPolicy.NEW).name().value());
        RocketException scheme = assertThrows(RocketException.class,
                () -> fetcher().fetch("ftp://example.com/x.aci", Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.INVALID_ARGUMENT, scheme.kind());
    }

    @Test
    void aRenderingFetchRendersTheImageInItsOnePass() throws Exception {
        TreeStore trees = TreeStore.open(store);
        ImageRecord record = fetcher().renderingInto(trees).fetch(url("/hello.aci"), Optional.empty(), PullPolicy.NEW);
        List<RenderedTree> rendered = trees.treesOf(record.id());
        assertEquals(1, rendered.size());
        RenderedTree tree = rendered.getFirst();
        assertEquals(List.of(record.id()), tree.layers());
        assertEquals("hello", Files.readString(tree.dir().resolve("rootfs/content")));
        assertEquals(tree.checksum(), trees.verify(tree.key()).checksum(), "the recorded checksum must be the tree's");
        assertEquals(tree.key(), trees.render(record.id()).key(), "a later render must reuse the tree");
        try (var tmp = Files.list(store.layout().tmp())) {
            assertEquals(List.of(), tmp.toList(), "the staged tree must have been moved, not copied");
        }
    }

    @Test
    void aRenderingFetchThatFailsLeavesNoTree() throws Exception {
        TreeStore trees = TreeStore.open(store);
        RocketException tampered = assertThrows(RocketException.class,
                () -> fetcher().renderingInto(trees).fetch(url("/tampered.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, tampered.kind());
        RocketException truncated = assertThrows(RocketException.class,
                () -> fetcher().renderingInto(trees).fetch(url("/short.aci"), Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.UNAVAILABLE, truncated.kind());
        assertTrue(truncated.getMessage().contains("truncated") || truncated.getMessage().contains("broke off"),
                truncated.getMessage());
        assertNothingStored();
        assertEquals(List.of(), trees.list());
    }
}
