package dev.rocket.store.tree;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.FileMetadata;
import dev.rocket.os.linux.Xattrs;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.TestTar;
import dev.rocket.store.extract.Privilege;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeChecksumTest {

    @TempDir
    Path work;

    private ImageStore images;
    private TreeStore trees;

    @BeforeEach
    void open() throws RocketException {
        images = ImageStore.open(new StoreLayout(work.resolve("store")));
        trees = new TreeStore(images, Privilege.ofCurrentProcess());
    }

    @AfterEach
    void close() throws RocketException {
        images.close();
    }

    /** A tree of two layers: the upper one replaces a file and a directory of the lower one. */
    private RenderedTree layered() throws Exception {
        return layered(images, trees);
    }

    private static RenderedTree layered(ImageStore images, TreeStore trees) throws Exception {
        ImageId lower = TreeStoreTest.put(images, TestTar.image("example.com/lower")
                .file("rootfs/replaced", "old content").dir("rootfs/dir").file("rootfs/dir/old", "old")
                .file("rootfs/kept", "kept"));
        return trees.render(TreeStoreTest.put(images, TestTar.image("example.com/upper",
                        "\"dependencies\": [{\"imageName\": \"example.com/lower\", \"imageID\": \"" + lower + "\"}]")
                .file("rootfs/replaced", "new content").file("rootfs/dir", "now a file")
                .file("rootfs/a", "linked").hardlink("rootfs/b", "rootfs/a").symlink("rootfs/link", "a")
                .fifo("rootfs/pipe")));
    }

    @Test
    void theDigestsARenderTookGiveTheChecksumOfReadingTheTreeBack() throws Exception {
        RenderedTree tree = layered();
        assertEquals("new content", Files.readString(tree.rootfs().resolve("replaced")));
        assertEquals(TreeChecksum.of(tree.dir()), tree.checksum());
        assertEquals(tree, trees.verify(tree.key()));
    }

    @Test
    void aKnownDigestIsUsedInsteadOfReadingTheFile() throws Exception {
        RenderedTree tree = layered();
        AtomicInteger asked = new AtomicInteger();
        byte[] wrong = new byte[32];
        TreeChecksum withWrongDigests = TreeChecksum.of(tree.dir(), path -> {
            asked.incrementAndGet();
            return Optional.of(wrong);
        });
        // every regular file's digest was asked for (manifest, replaced, kept, dir, a; b is a's second name)
        assertEquals(5, asked.get());
        assertNotEquals(tree.checksum(), withWrongDigests, "a known digest is used as given, not re-read");
    }

    @Test
    void everyChangeToTheTreeChangesTheChecksum() throws Exception {
        Instant past = Instant.parse("2001-01-01T00:00:00Z");
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("content", rootfs -> Files.writeString(rootfs.resolve("kept"), "kepT"));
        changes.put("mode", rootfs -> FileMetadata.chmod(rootfs.resolve("kept"), 0600));
        changes.put("file time", rootfs -> Files.setLastModifiedTime(rootfs.resolve("kept"), FileTime.from(past)));
        changes.put("directory time", rootfs -> Files.setLastModifiedTime(rootfs, FileTime.from(past)));
        changes.put("xattr", rootfs -> Xattrs.set(rootfs.resolve("kept"), "user.rocket", "x".getBytes(StandardCharsets.UTF_8)));
        changes.put("symlink target", rootfs -> {
            Files.delete(rootfs.resolve("link"));
            Files.createSymbolicLink(rootfs.resolve("link"), Path.of("kept"));
        });
        changes.put("hard link broken", rootfs -> {
            Files.delete(rootfs.resolve("b"));
            Files.writeString(rootfs.resolve("b"), "linked");
        });
        changes.put("file added", rootfs -> Files.createFile(rootfs.resolve("new")));
        changes.put("file renamed", rootfs -> Files.move(rootfs.resolve("kept"), rootfs.resolve("kept2")));
        for (Map.Entry<String, Change> change : changes.entrySet()) {
            try (ImageStore other = ImageStore.open(new StoreLayout(work.resolve("store-" + change.getKey())))) {
                RenderedTree tree = layered(other, new TreeStore(other, Privilege.ofCurrentProcess()));
                Instant time = Files.getLastModifiedTime(tree.rootfs()).toInstant();
                change.getValue().apply(tree.rootfs());
                // a change inside the root directory moves its time: put it back, so only the change itself counts
                if (!change.getKey().equals("directory time")) Files.setLastModifiedTime(tree.rootfs(), FileTime.from(time));
                assertNotEquals(tree.checksum(), TreeChecksum.of(tree.dir()), change.getKey());
            }
        }
    }

    @Test
    void aTreeMarkedByAnOlderRocketIsRenderedAgain() throws Exception {
        RenderedTree tree = layered();
        Path marker = work.resolve("store").resolve("cas/tree").resolve(tree.key().value() + ".rendered");
        assertTrue(Files.exists(marker), marker.toString());
        Files.writeString(marker, Files.readString(marker).replace("checksum-v2 ", "checksum "));
        assertTrue(trees.find(tree.key()).isEmpty(), "a marker of the old checksum is no completion marker");

        RenderedTree again = trees.render(tree.image());
        assertEquals(tree.key(), again.key());
        assertEquals(again, trees.verify(again.key()));
        assertNotEquals(tree.checksum(), again.checksum(), "rendered anew (a new manifest file, new times)");
    }

    @Test
    void theSizeRecordedAtRenderIsTheWalkedOneAndAMarkerWithoutItIsWalked() throws Exception {
        RenderedTree tree = layered();
        long walked = trees.walkedSize(tree.key());
        assertTrue(walked > 0);
        assertEquals(walked, trees.size(tree.key()));
        Path marker = work.resolve("store").resolve("cas/tree").resolve(tree.key().value() + ".rendered");
        assertTrue(Files.readString(marker).contains("\nsize " + walked + "\n"), Files.readString(marker));

        // a tree marked before sizes were recorded: still complete, measured by a walk
        Files.writeString(marker, Files.readString(marker).replace("size " + walked + "\n", ""));
        assertEquals(tree, trees.find(tree.key()).orElseThrow());
        Files.writeString(tree.rootfs().resolve("added"), "12345");
        assertEquals(walked + 5, trees.size(tree.key()));
    }

    private interface Change {
        void apply(Path rootfs) throws Exception;
    }
}
