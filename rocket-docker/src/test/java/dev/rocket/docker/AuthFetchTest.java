package dev.rocket.docker;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bearer-token authentication against a loopback server that demands it, with and without credentials. */
class AuthFetchTest {

    @TempDir
    Path dir;

    private ImageStore store;
    private OciLayoutBuilder layout;
    private OciLayoutBuilder.Descriptor image;
    private TestTls tls;

    @BeforeEach
    void setUp() throws Exception {
        tls = new TestTls(dir);
        store = ImageStore.open(new StoreLayout(dir.resolve("store")));
        layout = new OciLayoutBuilder(dir.resolve("layout"));
        image = layout.image("amd64", Fixtures.CONFIG, Fixtures.layersWithWhiteouts(), TestLayer.Compression.GZIP);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    /** HTTPS only, trusting the test's certificate: no insecure option but image. */
    private DockerFetcher fetcher(Map<String, Credentials> credentials) throws RocketException {
        return new DockerFetcher(store, InsecureOptions.parse(List.of("image")), FetchEvents.NONE, Optional.of(tls.client),
                credentials);
    }

    @Test
    void getsAnAnonymousBearerTokenAndFollowsBlobRedirects() throws Exception {
        try (BearerRegistryServer server = new BearerRegistryServer(tls.server, layout.dir(), image.digest(), null, null)) {
            ImageRecord record = fetcher(Map.of())
                    .fetch("docker://" + server.host() + "/test/app:v1", PullPolicy.NEW);
            Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
            assertTrue(server.authorizations.stream().anyMatch(a -> a.startsWith("/v2/test/app/manifests/v1 Bearer t0k3n")),
                    server.authorizations.toString());
        }
    }

    @Test
    void sendsCredentialsToTheTokenRealm() throws Exception {
        try (BearerRegistryServer server = new BearerRegistryServer(tls.server, layout.dir(), image.digest(), "alice", "secret")) {
            RocketException anonymous = assertThrows(RocketException.class, () -> fetcher(Map.of())
                    .fetch("docker://" + server.host() + "/test/app:v1", PullPolicy.NEW));
            assertEquals(Kind.PERMISSION_DENIED, anonymous.kind());
            Fixtures.assertNothingStored(store);

            DockerFetcher withCredentials = fetcher(Map.of(server.host(), new Credentials("alice", "secret")));
            ImageRecord record = withCredentials.fetch("docker://" + server.host() + "/test/app:v1", PullPolicy.NEW);
            assertEquals("file:v2", Fixtures.rootfs(store, record).get("/bin/app"));
        }
    }

    @Test
    void fetchesByDigestAndRefusesAnUnknownDigest() throws Exception {
        try (BearerRegistryServer server = new BearerRegistryServer(tls.server, layout.dir(), image.digest(), null, null)) {
            ImageRecord record = fetcher(Map.of())
                    .fetch("docker://" + server.host() + "/test/app@" + image.digest(), PullPolicy.NEW);
            assertEquals(Optional.of(image.digest().toString()),
                    Fixtures.manifest(store, record).annotations().get("appc.io/docker/manifesthash"));
            RocketException e = assertThrows(RocketException.class, () -> fetcher(Map.of())
                    .fetch("docker://" + server.host() + "/test/app@sha256:" + "0".repeat(64), PullPolicy.NEW));
            assertEquals(Kind.NOT_FOUND, e.kind());
        }
    }
}
