package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** oci:DIR, oci-archive:FILE and docker-archive:FILE (written by skopeo) into the store. */
class LocalSourceFetchTest {

    @TempDir
    Path dir;

    private ImageStore store;
    private OciLayoutBuilder layout;

    @BeforeEach
    void setUp() throws Exception {
        store = ImageStore.open(new StoreLayout(dir.resolve("store")));
        layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, Fixtures.layersWithWhiteouts(), TestLayer.Compression.ZSTD), "v1");
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void fetchesFromAnOciLayoutDirectory() throws Exception {
        ImageRecord record = Fixtures.fetcher(store, "image").fetch("oci:" + layout.dir() + ":v1", PullPolicy.NEW);
        Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
        assertEquals("layout", record.name().value());
        assertEquals(Optional.of("v1"), Fixtures.manifest(store, record).labels().get("version"));
    }

    @Test
    void aReferenceTheLayoutLacksIsNotFound() throws Exception {
        RocketException e = assertThrows(RocketException.class,
                () -> Fixtures.fetcher(store, "image").fetch("oci:" + layout.dir() + ":v2", PullPolicy.NEW));
        assertEquals(Kind.NOT_FOUND, e.kind());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void fetchesFromAnOciArchive() throws Exception {
        Path archive = dir.resolve("image.tar");
        TestRegistry.run(List.of("tar", "-C", layout.dir().toString(), "-cf", archive.toString(), "."));
        ImageRecord record = Fixtures.fetcher(store, "image").fetch("oci-archive:" + archive, PullPolicy.NEW);
        Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
        Fixtures.assertNoWorkLeft(store);
    }

    @Test
    void fetchesFromADockerArchiveWrittenBySkopeo() throws Exception {
        Path archive = dir.resolve("docker.tar");
        TestRegistry.run(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "oci:" + gzipLayout() + ":v1",
                "docker-archive:" + archive + ":example.com/team/app:2.0"));
        ImageRecord record = Fixtures.fetcher(store, "image").fetch("docker-archive:" + archive, PullPolicy.NEW);
        Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
        assertEquals("example.com/team/app", record.name().value());
        assertEquals(Optional.of("2.0"), Fixtures.manifest(store, record).labels().get("version"));
        assertEquals(List.of("/bin/app", "--serve"), Fixtures.manifest(store, record).app().orElseThrow().exec().args());
    }

    @Test
    void aDockerArchiveWithAnAlteredLayerIsRefused() throws Exception {
        Path archive = dir.resolve("docker.tar");
        TestRegistry.run(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "oci:" + gzipLayout() + ":v1",
                "docker-archive:" + archive + ":example.com/team/app:2.0"));
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        TestRegistry.run(List.of("tar", "-C", unpacked.toString(), "-xf", archive.toString()));
        Path layer;
        try (var files = Files.walk(unpacked)) {
            layer = files.filter(p -> p.toString().endsWith(".tar")).filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 3] ^= 1;
        Files.write(layer, bytes);
        Path altered = dir.resolve("altered.tar");
        TestRegistry.run(List.of("tar", "-C", unpacked.toString(), "-cf", altered.toString(), "."));

        RocketException e = assertThrows(RocketException.class,
                () -> Fixtures.fetcher(store, "image").fetch("docker-archive:" + altered, PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind(), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    /** Docker images know no zstd, so skopeo writes docker archives only from gzip layers. */
    private Path gzipLayout() throws Exception {
        OciLayoutBuilder gzip = new OciLayoutBuilder(dir.resolve("gzip-layout"));
        gzip.tag(gzip.image("amd64", Fixtures.CONFIG, Fixtures.layersWithWhiteouts(), TestLayer.Compression.GZIP), "v1");
        return gzip.dir();
    }

    @Test
    void aMissingArchiveIsNotFound() throws Exception {
        RocketException e = assertThrows(RocketException.class,
                () -> Fixtures.fetcher(store, "image").fetch("oci-archive:" + dir.resolve("nope.tar"), PullPolicy.NEW));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("nope.tar"), e.getMessage());
        Fixtures.assertNothingStored(store);
    }
}
