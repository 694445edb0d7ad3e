package dev.rocket.docker;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fetch tests share: images to build, a fetcher, and checks of the store. */
final class Fixtures {

    static final String CONFIG = "{\"Entrypoint\":[\"/bin/app\"],\"Cmd\":[\"--serve\"],\"Env\":[\"MODE=test\"],"
            + "\"ExposedPorts\":{\"8080/tcp\":{}},\"Volumes\":{\"/data\":{}},\"WorkingDir\":\"/srv\"}";

    private Fixtures() {
    }

    /** Three layers: a base, one with whiteouts and an opaque directory, one adding a file. */
    static List<TestLayer> layersWithWhiteouts() {
        return List.of(
                new TestLayer().dir("bin").file("bin/app", "v1").dir("etc").file("etc/keep", "k").file("etc/drop", "d")
                        .dir("cache").file("cache/old", "o"),
                new TestLayer().whiteout("etc/drop").opaque("cache").file("cache/new", "n").file("bin/app", "v2"),
                new TestLayer().file("etc/added", "a"));
    }

    static DockerFetcher fetcher(ImageStore store, String... insecure) throws RocketException {
        return new DockerFetcher(store, InsecureOptions.parse(List.of(insecure)), FetchEvents.NONE, Optional.empty(), Map.of());
    }

    static DockerFetcher fetcher(ImageStore store, Platform platform) throws RocketException {
        return new DockerFetcher(store, InsecureOptions.parse(List.of("image", "http")), FetchEvents.NONE, Optional.empty(),
                Map.of(), DockerFetcher.SignaturePolicy.NONE, platform);
    }

    static Map<String, String> rootfs(ImageStore store, ImageRecord record) throws Exception {
        try (InputStream in = store.openBlob(record.id())) {
            return TestImages.rootfs(in);
        }
    }

    static ImageManifest manifest(ImageStore store, ImageRecord record) throws Exception {
        try (InputStream in = store.openBlob(record.id())) {
            return AciReader.manifestOf(in);
        }
    }

    static void assertWhiteoutsApplied(Map<String, String> rootfs) {
        assertEquals("file:v2", rootfs.get("/bin/app"));
        assertEquals("file:k", rootfs.get("/etc/keep"));
        assertTrue(!rootfs.containsKey("/etc/drop"), "whited out");
        assertTrue(!rootfs.containsKey("/cache/old"), "opaque directory");
        assertEquals("file:n", rootfs.get("/cache/new"));
        assertEquals("file:a", rootfs.get("/etc/added"));
    }

    /** Nothing in the store and no working directory left behind. */
    static void assertNothingStored(ImageStore store) throws Exception {
        assertEquals(List.of(), store.list());
        assertNoWorkLeft(store);
    }

    /** No temporary file or working directory left behind. */
    static void assertNoWorkLeft(ImageStore store) throws Exception {
        for (Path tmp : List.of(store.layout().tmp(), store.layout().cas().resolve(DockerFetcher.WORK_DIRECTORY))) {
            if (Files.isDirectory(tmp)) {
                try (Stream<Path> left = Files.list(tmp)) {
                    assertEquals(List.of(), left.toList());
                }
            }
        }
    }
}
