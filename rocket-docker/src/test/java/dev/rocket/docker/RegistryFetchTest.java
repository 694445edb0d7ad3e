package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetches from a real docker-registry on loopback, filled by skopeo from OCI layouts the tests build. */
class RegistryFetchTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private ImageStore store;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry(dir);
        store = ImageStore.open(new StoreLayout(dir.resolve("store")));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            store.close();
        } finally {
            registry.close();
        }
    }

    @Test
    void fetchesAMultiLayerImageWithWhiteoutsAndStoresItAsAnAci() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, Fixtures.layersWithWhiteouts(), TestLayer.Compression.GZIP), "v1");
        registry.push(layout.dir(), "v1", "test/app:v1", false);

        String image = "docker://" + registry.host() + "/test/app:v1";
        ImageRecord record = Fixtures.fetcher(store, "image", "http").fetch(image, PullPolicy.NEW);

        assertEquals("127.0.0.1_" + registry.port() + "/test/app", record.name().value());
        Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
        ImageManifest manifest = Fixtures.manifest(store, record);
        assertEquals(Optional.of("v1"), manifest.labels().get("version"));
        assertEquals(Optional.of("amd64"), manifest.labels().get("arch"));
        App app = manifest.app().orElseThrow();
        assertEquals(List.of("/bin/app", "--serve"), app.exec().args());
        assertEquals(Optional.of("test"), app.environment().get("MODE"));
        assertEquals(List.of(record), store.list());
        assertEquals(record.id(), store.resolve(record.name().value() + ":v1").id());

        registry.close();
        assertEquals(record.id(), Fixtures.fetcher(store, "image", "http").fetch(image, PullPolicy.NEW).id(),
                "the stored image serves a second fetch without the registry");
    }

    @Test
    void updateDownloadsLayersOnlyWhenTheTagMovedToAnotherManifest() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, List.of(new TestLayer().file("v", "1")), TestLayer.Compression.GZIP), "v1");
        registry.push(layout.dir(), "v1", "test/app:latest", false);
        String image = "docker://" + registry.host() + "/test/app";
        ImageRecord first = Fixtures.fetcher(store, "image", "http").fetch(image, PullPolicy.UPDATE);

        List<String> messages = new java.util.ArrayList<>();
        DockerFetcher recording = new DockerFetcher(store, dev.rocket.base.InsecureOptions.parse(List.of("image", "http")),
                new dev.rocket.fetch.FetchEvents() {
                    @Override
                    public void info(String message) {
                        messages.add(message);
                    }

                    @Override
                    public void warning(String message) {
                    }
                }, Optional.empty(), java.util.Map.of());
        assertEquals(first.id(), recording.fetch(image, PullPolicy.UPDATE).id());
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("downloading layer")), messages.toString());

        OciLayoutBuilder next = new OciLayoutBuilder(dir.resolve("next"));
        next.tag(next.image("amd64", Fixtures.CONFIG, List.of(new TestLayer().file("v", "2")), TestLayer.Compression.GZIP), "v2");
        registry.push(next.dir(), "v2", "test/app:latest", false);
        ImageRecord second = recording.fetch(image, PullPolicy.UPDATE);
        assertEquals("file:2", Fixtures.rootfs(store, second).get("/v"));
        assertEquals(second.id(), store.byOrigin(java.net.URI.create("docker://" + registry.host() + "/test/app:latest")).orElseThrow().id());
    }

    @Test
    void picksTheHostsArchitectureFromAnIndex() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        OciLayoutBuilder.Descriptor amd64 = layout.image("amd64", Fixtures.CONFIG,
                List.of(new TestLayer().file("arch", "amd64")), TestLayer.Compression.GZIP);
        OciLayoutBuilder.Descriptor arm64 = layout.image("arm64", Fixtures.CONFIG,
                List.of(new TestLayer().file("arch", "arm64")), TestLayer.Compression.ZSTD);
        layout.tag(layout.index(amd64, arm64), "multi");
        registry.push(layout.dir(), "multi", "test/multi:1", true);
        String image = "docker://" + registry.host() + "/test/multi:1";

        ImageRecord x86 = Fixtures.fetcher(store, new Platform("linux", "amd64")).fetch(image, PullPolicy.UPDATE);
        assertEquals("file:amd64", Fixtures.rootfs(store, x86).get("/arch"));
        ImageRecord arm = Fixtures.fetcher(store, new Platform("linux", "arm64")).fetch(image, PullPolicy.UPDATE);
        assertEquals("file:arm64", Fixtures.rootfs(store, arm).get("/arch"));
        assertEquals(Optional.of("aarch64"), Fixtures.manifest(store, arm).labels().get("arch"));

        RocketException e = assertThrows(RocketException.class,
                () -> Fixtures.fetcher(store, new Platform("linux", "s390x")).fetch(image, PullPolicy.UPDATE));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("linux/amd64, linux/arm64"), e.getMessage());
    }

    @Test
    void aMissingTagIsNotFoundAndStoresNothing() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, List.of(new TestLayer().file("a", "a")), TestLayer.Compression.GZIP), "v1");
        registry.push(layout.dir(), "v1", "test/app:v1", false);

        RocketException e = assertThrows(RocketException.class, () -> Fixtures.fetcher(store, "image", "http")
                .fetch("docker://" + registry.host() + "/test/app:nope", PullPolicy.NEW));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("test/app:nope"), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void anUnreachableRegistryIsAClearErrorAndStoresNothing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RocketException e = assertThrows(RocketException.class, () -> Fixtures.fetcher(store, "image", "http")
                .fetch("docker://127.0.0.1:" + closed + "/test/app:v1", PullPolicy.NEW));
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot reach the registry 127.0.0.1:" + closed), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void aTamperedLayerFailsItsDigestAndStoresNothing() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        OciLayoutBuilder.Descriptor image = layout.image("amd64", Fixtures.CONFIG, List.of(new TestLayer().file("a", "a")),
                TestLayer.Compression.GZIP);
        layout.tag(image, "v1");
        registry.push(layout.dir(), "v1", "test/app:v1", false);
        Digest layer = firstLayer(layout, image);
        Path data = registry.blobData(layer);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 1;
        Files.write(data, bytes);

        RocketException e = assertThrows(RocketException.class, () -> Fixtures.fetcher(store, "image", "http")
                .fetch("docker://" + registry.host() + "/test/app:v1", PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("does not match its digest " + layer), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void aCorruptLayerIsRefusedAndStoresNothing() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 20000; i++) content.append(Integer.toHexString(i * 7919));
        byte[] gzip = new TestLayer().file("big", content.toString()).blob(TestLayer.Compression.GZIP);
        byte[] garbage = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        OciLayoutBuilder.Descriptor layer = layout.blob(garbage, "application/vnd.oci.image.layer.v1.tar+gzip");
        OciLayoutBuilder.Descriptor config = layout.blob(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.digest() + "\"]}}").getBytes(),
                "application/vnd.oci.image.config.v1+json");
        OciLayoutBuilder.Descriptor manifest = layout.blob(("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestResolver.OCI_MANIFEST
                + "\",\"config\":" + config.json(null) + ",\"layers\":[" + layer.json(null) + "]}").getBytes(),
                ManifestResolver.OCI_MANIFEST);
        layout.tag(manifest, "v1");
        registry.push(layout.dir(), "v1", "test/corrupt:v1", false);

        RocketException e = assertThrows(RocketException.class, () -> Fixtures.fetcher(store, "image", "http")
                .fetch("docker://" + registry.host() + "/test/corrupt:v1", PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("is not a readable tar archive"), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void aLayerEscapingTheRootfsIsRefusedAndStoresNothing() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, List.of(new TestLayer().file("ok", "ok").file("../../../tmp/evil", "x")),
                TestLayer.Compression.GZIP), "v1");
        registry.push(layout.dir(), "v1", "test/evil:v1", false);

        RocketException e = assertThrows(RocketException.class, () -> Fixtures.fetcher(store, "image", "http")
                .fetch("docker://" + registry.host() + "/test/evil:v1", PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("escapes the root filesystem"), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void withoutInsecureImageNothingIsFetched() throws Exception {
        RocketException e = assertThrows(RocketException.class, () -> Fixtures.fetcher(store, "http")
                .fetch("docker://" + registry.host() + "/test/app:v1", PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("--insecure-options=image"), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    private static Digest firstLayer(OciLayoutBuilder layout, OciLayoutBuilder.Descriptor image) throws Exception {
        byte[] manifest = Files.readAllBytes(layout.dir().resolve("blobs/sha256").resolve(image.digest().hex()));
        String digest = ManifestResolver.parse(manifest, "manifest").path("layers").get(0).path("digest").asText();
        return Digest.parse(digest, "layer");
    }
}
