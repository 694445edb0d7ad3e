package dev.rocket.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.store.ImageReference;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustDirectories;
import dev.rocket.trust.TrustStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery against two real HTTPS servers on loopback standing in for {@code example.com} (discovery
 * pages) and {@code storage.example.com} (images, signatures, keys), reached through {@link HostRoutes}.
 */
class DiscoveryFetchTest {

    private static final String BEARER = "Bearer site-token";
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path shared;

    static TestTls tls;
    static TestImages images;
    static HttpsServer site;
    static HttpsServer storage;
    static final Map<String, byte[]> files = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    ImageStore store;
    TrustStore trust;

    @BeforeAll
    static void serve() throws Exception {
        tls = TestTls.create(Files.createDirectories(shared.resolve("tls")));
        images = new TestImages(Files.createDirectories(shared.resolve("images")));
        publish("/linux/amd64/example.com/deep/app-1.0.aci", images.image("example.com/deep/app", "app", "1.0"));
        publish("/linux/amd64/example.com/deep/app-2.0.aci", images.image("example.com/deep/app", "app", "1.0"));
        publish("/linux/amd64/example.com/impostor-1.0.aci", images.image("example.com/deep/app", "impostor", "1.0"));
        publish("/private/example.com/private/app-latest.aci", images.image("example.com/private/app", "private", "3.1"));
        files.put("/pubkeys.gpg", Files.readAllBytes(images.publicKey()));
        files.put("/discovery.html", page("""
                <meta name="ac-discovery" content="example.com hdfs://storage.example.com/{name}.{ext}">
                <meta name="ac-discovery" content="example.com https://storage.example.com/{os}/{arch}/{name}-{version}.{ext}">
                <meta name="ac-discovery-pubkeys" content="example.com https://storage.example.com/pubkeys.gpg">"""));
        files.put("/private/app?ac-discovery=1", page("""
                <meta name="ac-discovery" content="example.com/private https://storage.example.com/private/{name}-{version}.{ext}">"""));
        publish("/plain/example.com/plain.aci", images.image("example.com/plain", "plain", "1.0"));
        files.put("/plain?ac-discovery=1", page("""
                <meta name="ac-discovery" content="example.com/plain https://storage.example.com/plain/{name}.{ext}">"""));
        files.put("/deep?ac-discovery=1", page("<title>a page without discovery tags</title>"));

        site = server(DiscoveryFetchTest::handleSite);
        storage = server(DiscoveryFetchTest::handleStorage);
    }

    private static void publish(String path, Path aci) throws Exception {
        files.put(path, Files.readAllBytes(aci));
        files.put(path + ".asc", Files.readAllBytes(images.sign(aci)));
    }

    private static byte[] page(String head) {
        return ("<!DOCTYPE html><html><head>" + head + "</head><body></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpsServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.server));
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /** example.com: the root redirects to storage's discovery page; /private/ needs the bearer token. */
    private static void handleSite(HttpExchange exchange) throws IOException {
        String key = key(exchange);
        try (exchange) {
            if (key.equals("/?ac-discovery=1") || key.equals("?ac-discovery=1")) {
                exchange.getResponseHeaders().add("Location", "https://storage.example.com/discovery.html");
                exchange.sendResponseHeaders(302, -1);
            } else if (key.startsWith("/private/") && !BEARER.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
            } else {
                send(exchange, key);
            }
        }
    }

    /** storage.example.com: files; /private/ needs basic auth. */
    private static void handleStorage(HttpExchange exchange) throws IOException {
        String key = key(exchange);
        try (exchange) {
            if (key.startsWith("/private/") && !BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
            } else {
                send(exchange, key);
            }
        }
    }

    private static String key(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String key = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) authorizations.add(exchange.getLocalAddress().getPort() + " " + auth);
        return key;
    }

    private static void send(HttpExchange exchange, String key) throws IOException {
        byte[] body = files.get(key);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @AfterAll
    static void stop() throws Exception {
        site.stop(0);
        storage.stop(0);
        images.stop();
    }

    @BeforeEach
    void open() throws Exception {
        store = ImageStore.open(new StoreLayout(dir.resolve("data")));
        trust = new TrustStore(new TrustDirectories(dir.resolve("lib"), dir.resolve("etc"), Optional.empty()));
        authorizations.clear();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static HostRoutes routes() {
        return new HostRoutes(Map.of(
                "example.com", "127.0.0.1:" + site.getAddress().getPort(),
                "storage.example.com", "127.0.0.1:" + storage.getAddress().getPort()));
    }

    private HttpDownloader http(InsecureOptions insecure, AuthHeaders auth) throws RocketException {
        return new HttpDownloader(insecure, Optional.of(tls.client), Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC())
                .with(routes(), auth);
    }

    private ImageFetcher fetcher(AuthHeaders auth, boolean trustKeysFromHttps, String... insecureOptions) throws RocketException {
        InsecureOptions insecure = InsecureOptions.parse(List.of(insecureOptions));
        HttpDownloader http = http(insecure, auth);
        Optional<HttpsKeyTrust> keyTrust = trustKeysFromHttps
                ? Optional.of(new HttpsKeyTrust(new PublicKeyFetcher(http), trust, FetchEvents.NONE)) : Optional.empty();
        ImageDiscovery discovery = new ImageDiscovery(new MetaDiscovery(http, insecure, FetchEvents.NONE), insecure, "linux", "amd64", keyTrust);
        return new ImageFetcher(store, new SignatureVerifier(trust), http, insecure, FetchEvents.NONE, Optional.of(discovery));
    }

    private void trustSigner() throws Exception {
        new HttpsKeyTrust(new PublicKeyFetcher(http(InsecureOptions.parse(List.of()), AuthHeaders.NONE)), trust, FetchEvents.NONE)
                .trust("example.com", List.of(URI.create("https://storage.example.com/pubkeys.gpg")));
    }

    private void assertNothingStored() throws Exception {
        assertEquals(List.of(), store.list());
    }

    @Test
    void walksUpFollowsRedirectsAndFindsImageSignatureAndKeys() throws Exception {
        InsecureOptions secure = InsecureOptions.parse(List.of());
        ImageDiscovery discovery = new ImageDiscovery(new MetaDiscovery(http(secure, AuthHeaders.NONE), secure, FetchEvents.NONE),
                secure, "linux", "amd64", Optional.empty());
        DiscoveredImage found = discovery.locate(ImageReference.parse("example.com/deep/app:1.0"));
        assertEquals(URI.create("https://storage.example.com/linux/amd64/example.com/deep/app-1.0.aci"), found.image());
        assertEquals(URI.create("https://storage.example.com/linux/amd64/example.com/deep/app-1.0.aci.asc"), found.signature());
        assertEquals(List.of(URI.create("https://storage.example.com/pubkeys.gpg")), found.publicKeys());
        assertTrue(requests.containsKey("/deep/app?ac-discovery=1"), "the name itself is tried first (404)");
        assertTrue(requests.containsKey("/deep?ac-discovery=1"), "then its parent (no tags)");
    }

    @Test
    void fetchByNameVerifiesAndHonoursThePullPolicy() throws Exception {
        trustSigner();
        RocketException never = assertThrows(RocketException.class,
                () -> fetcher(AuthHeaders.NONE, false).fetch("example.com/deep/app:1.0", Optional.empty(), PullPolicy.NEVER));
        assertEquals(Kind.NOT_FOUND, never.kind());
        ImageRecord record = fetcher(AuthHeaders.NONE, false).fetch("example.com/deep/app:1.0", Optional.empty(), PullPolicy.NEW);
        assertEquals("example.com/deep/app", record.name().value());
        int pages = requests.get("/deep/app?ac-discovery=1").get();
        assertEquals(record.id(), fetcher(AuthHeaders.NONE, false).fetch("example.com/deep/app:1.0", Optional.empty(), PullPolicy.NEW).id());
        assertEquals(pages, requests.get("/deep/app?ac-discovery=1").get(), "a stored match is used without discovery");
        assertEquals(record.id(), fetcher(AuthHeaders.NONE, false).fetch("example.com/deep/app:1.0", Optional.empty(), PullPolicy.UPDATE).id());
        assertEquals(pages + 1, requests.get("/deep/app?ac-discovery=1").get(), "update discovers again");
    }

    @Test
    void wrongLabelsOrNameAreRefusedAndNothingIsStored() throws Exception {
        trustSigner();
        RocketException version = assertThrows(RocketException.class,
                () -> fetcher(AuthHeaders.NONE, false).fetch("example.com/deep/app:2.0", Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, version.kind());
        assertTrue(version.getMessage().contains("version=1.0, not version=2.0"), version.getMessage());
        RocketException name = assertThrows(RocketException.class,
                () -> fetcher(AuthHeaders.NONE, false).fetch("example.com/impostor:1.0", Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, name.kind());
        assertTrue(name.getMessage().contains("named \"example.com/deep/app\""), name.getMessage());
        assertNothingStored();
    }

    @Test
    void anImageStoredFromTheSameUrlMustMatchToo() throws Exception {
        trustSigner();
        ImageRecord latest = fetcher(AuthHeaders.NONE, false).fetch("example.com/plain", Optional.empty(), PullPolicy.NEW);
        assertEquals("example.com/plain", latest.name().value());
        RocketException other = assertThrows(RocketException.class,
                () -> fetcher(AuthHeaders.NONE, false).fetch("example.com/plain:2.0", Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, other.kind());
        assertTrue(other.getMessage().contains("version=1.0, not version=2.0"), other.getMessage());
    }

    @Test
    void keysAreTrustedFromHttpsOnlyWhenAsked() throws Exception {
        RocketException untrusted = assertThrows(RocketException.class,
                () -> fetcher(AuthHeaders.NONE, false).fetch("example.com/deep/app:1.0", Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, untrusted.kind());
        assertNothingStored();
        fetcher(AuthHeaders.NONE, true).fetch("example.com/deep/app:1.0", Optional.empty(), PullPolicy.NEW);
        assertEquals(1, trust.keysFor(new dev.rocket.spec.types.AcIdentifier("example.com/deep/app")).size());
        assertTrue(Files.isDirectory(dir.resolve("etc/trustedkeys/prefix.d/example.com/deep/app")));
    }

    @Test
    void credentialsFromAuthDirGoOnlyToTheirDomain() throws Exception {
        trustSigner();
        RocketException anonymous = assertThrows(RocketException.class,
                () -> fetcher(AuthHeaders.NONE, false).fetch("example.com/private/app", Optional.empty(), PullPolicy.NEW));
        assertEquals(Kind.NOT_FOUND, anonymous.kind(), "the 401 page makes discovery walk up to the root page's template");
        assertTrue(anonymous.getMessage().contains("/linux/amd64/example.com/private/app-latest.aci"), anonymous.getMessage());
        assertNothingStored();

        Path local = Files.createDirectories(dir.resolve("etc/auth.d"));
        Path system = Files.createDirectories(dir.resolve("lib/auth.d"));
        Files.writeString(system.resolve("site.json"), """
                {"rktKind": "auth", "rktVersion": "v1", "domains": ["example.com", "storage.example.com"],
                 "type": "oauth", "credentials": {"token": "site-token"}}""");
        Files.writeString(local.resolve("storage.json"), """
                {"rktKind": "auth", "rktVersion": "v1", "domains": ["storage.example.com"],
                 "type": "basic", "credentials": {"user": "alice", "password": "secret"}}""");
        Files.writeString(local.resolve("registry.json"), """
                {"rktKind": "dockerAuth", "rktVersion": "v1", "registries": ["quay.io"],
                 "credentials": {"user": "bob", "password": "pw"}}""");
        AuthHeaders auth = AuthConfig.read(List.of(dir.resolve("lib"), dir.resolve("etc")));
        ImageRecord record = fetcher(auth, false).fetch("example.com/private/app", Optional.empty(), PullPolicy.NEW);
        assertEquals("3.1", record.labels().get(new dev.rocket.spec.types.AcIdentifier("version")),
                "a defaulted latest version accepts the image's own version");
        int sitePort = site.getAddress().getPort();
        int storagePort = storage.getAddress().getPort();
        assertTrue(authorizations.stream().allMatch(a -> a.equals(sitePort + " " + BEARER) || a.equals(storagePort + " " + BASIC)),
                "each server sees only its own credentials: " + authorizations);
        assertTrue(authorizations.contains(storagePort + " " + BASIC));
    }

    @Test
    void authHeadersAreNeverSentOverPlainHttp() {
        AuthHeaders auth = new AuthHeaders(Map.of("example.com", BEARER, "example.com:8443", BASIC));
        assertEquals(Optional.of(BEARER), auth.headerFor(URI.create("https://example.com/x")));
        assertEquals(Optional.of(BASIC), auth.headerFor(URI.create("https://example.com:8443/x")));
        assertEquals(Optional.empty(), auth.headerFor(URI.create("http://example.com/x")));
        assertEquals(Optional.empty(), auth.headerFor(URI.create("https://other.example.com/x")));
    }

    @Test
    void badAuthConfigIsReportedWithItsFile() throws Exception {
        Path local = Files.createDirectories(dir.resolve("etc/auth.d"));
        Files.writeString(local.resolve("bad.json"), """
                {"rktKind": "auth", "rktVersion": "v1", "domains": ["example.com"], "type": "aws", "credentials": {}}""");
        RocketException e = assertThrows(RocketException.class, () -> AuthConfig.read(List.of(dir.resolve("etc"))));
        assertEquals(Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("aws"), e.getMessage());
    }

    @Test
    void oneDomainTwiceInOneDirectoryIsAnError() throws Exception {
        Path local = Files.createDirectories(dir.resolve("etc/auth.d"));
        for (String file : List.of("a.json", "b.json")) {
            Files.writeString(local.resolve(file), """
                    {"rktKind": "auth", "rktVersion": "v1", "domains": ["example.com"], "type": "oauth", "credentials": {"token": "t"}}""");
        }
        RocketException e = assertThrows(RocketException.class, () -> AuthConfig.read(List.of(dir.resolve("etc"))));
        assertTrue(e.getMessage().contains("b.json") && e.getMessage().contains("already configured in a.json"), e.getMessage());
    }

    @Test
    void routesMatchAHostOrAHostAndItsPort() throws Exception {
        HostRoutes routes = HostRoutes.parse(List.of("example.com:80=127.0.0.1:8080", "other.org=127.0.0.2:9"));
        assertEquals(URI.create("http://127.0.0.1:8080/a?b=1"), routes.route(URI.create("http://example.com/a?b=1")));
        assertEquals(URI.create("https://example.com/a"), routes.route(URI.create("https://example.com/a")));
        assertEquals(URI.create("https://127.0.0.2:9/x"), routes.route(URI.create("https://other.org/x")));
        assertThrows(RocketException.class, () -> HostRoutes.parse(List.of("example.com")));
    }

    @Test
    void plainHttpIsNotTriedWithoutItsOption() throws Exception {
        InsecureOptions secure = InsecureOptions.parse(List.of());
        MetaDiscovery meta = new MetaDiscovery(http(secure, AuthHeaders.NONE), secure, FetchEvents.NONE);
        RocketException e = assertThrows(RocketException.class,
                () -> meta.images(new ImageDiscovery(meta, secure, "linux", "amd64", Optional.empty())
                        .request(ImageReference.parse("nowhere.example.com/app"))));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(!e.getMessage().contains("http://") && e.getMessage().contains("https://nowhere.example.com/app?ac-discovery=1"),
                e.getMessage());
    }
}
