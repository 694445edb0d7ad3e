package dev.rocket.store.tree;

import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageRecordInfo;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.rocket.store.ChildJvms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several JVMs rendering one image, and one killed in the middle, as several {@code rkt run}s would. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TreeStoreProcessTest {

    @TempDir
    Path work;

    private ChildJvms children;

    @BeforeEach
    void children() {
        children = new ChildJvms(work);
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        children.killAll();
    }

    private Path storeDir() {
        return work.resolve("store");
    }

    /** An image of {@code files} files of 32 KiB: large enough that rendering takes a while. */
    private ImageId storeLargeImage(int files) throws Exception {
        Path tar = work.resolve("large.tar");
        SplittableRandom random = new SplittableRandom(7);
        byte[] content = new byte[32 * 1024];
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
            byte[] manifest = "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \"example.com/large\"}"
                    .getBytes(StandardCharsets.UTF_8);
            add(archive, new TarArchiveEntry("manifest"), manifest);
            add(archive, new TarArchiveEntry("rootfs/"), new byte[0]);
            for (int i = 0; i < files; i++) {
                if (i % 100 == 0) add(archive, new TarArchiveEntry("rootfs/d" + i / 100 + "/"), new byte[0]);
                random.nextBytes(content);
                add(archive, new TarArchiveEntry("rootfs/d" + i / 100 + "/f" + i), content);
            }
        }
        try (ImageStore images = ImageStore.open(new StoreLayout(storeDir())); InputStream in = Files.newInputStream(tar)) {
            return images.write(in, ImageRecordInfo.of(new AcIdentifier("example.com/large"), Map.of()));
        } finally {
            Files.delete(tar);
        }
    }

    private static void add(TarArchiveOutputStream archive, TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setSize(entry.isDirectory() ? 0 : content.length);
        archive.putArchiveEntry(entry);
        archive.write(content);
        archive.closeArchiveEntry();
    }

    private Process render(ImageId image) throws IOException {
        return children.start(TreeChild.class, "render", storeDir().toString(), image.value());
    }

    @Test
    void aRenderKilledMidwayIsNeverUsedAndTheNextRenderFinishesTheWork() throws Exception {
        ImageId image = storeLargeImage(3000);
        TreeKey key = TreeKey.of(List.of(image));
        StoreLayout layout = new StoreLayout(storeDir());
        Process child = render(image);
        Path someFile = layout.tree(key.value()).resolve("rootfs/d1/f100");
        while (!Files.exists(someFile)) {
            assertTrue(child.isAlive(), "the child finished before it could be killed");
            Thread.sleep(5);
        }
        child.destroyForcibly();
        child.waitFor();
        assertTrue(Files.exists(layout.tree(key.value())));

        try (ImageStore images = ImageStore.open(layout)) {
            TreeStore trees = TreeStore.open(images);
            assertTrue(trees.find(key).isEmpty(), "a tree without its marker is never used");
            RenderedTree tree = trees.render(image);
            assertEquals(key, tree.key());
            assertEquals(30, TreeStoreTest.names(tree.rootfs()).size());
            assertEquals(tree, trees.verify(key));
        }
    }

    @Test
    void processesRenderingOneImageAtOnceShareOneTree() throws Exception {
        ImageId image = storeLargeImage(500);
        List<Process> renders = List.of(render(image), render(image), render(image));
        List<String> keys = new ArrayList<>();
        for (Process child : renders) keys.add(children.finish(child));
        TreeKey key = TreeKey.of(List.of(image));
        assertEquals(List.of(key.value(), key.value(), key.value()), keys);
        StoreLayout layout = new StoreLayout(storeDir());
        assertEquals(List.of(key.value(), key.value() + ".lock", key.value() + ".rendered"), TreeStoreTest.names(layout.trees()));
        try (ImageStore images = ImageStore.open(layout)) {
            TreeStore.open(images).verify(key);
        }
    }
}
