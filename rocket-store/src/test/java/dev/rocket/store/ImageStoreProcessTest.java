package dev.rocket.store;

import dev.rocket.spec.types.ImageId;
import dev.rocket.store.cas.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

import static dev.rocket.store.StoreAssertions.assertClean;
import static dev.rocket.store.StoreAssertions.assertRowsHaveBlobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several JVMs on one store at once, as several {@code rkt} commands would be. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ImageStoreProcessTest {

    private static final long MIB = 1024 * 1024;

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

    private Process start(String... args) throws IOException {
        return children.start(StoreChild.class, args);
    }

    private String finish(Process child) throws Exception {
        return children.finish(child);
    }

    @Test
    void processesWritingRemovingAndCollectingAtOnceLeaveAConsistentStore() throws Exception {
        String dir = storeDir().toString();
        List<Process> sameImage = new ArrayList<>();
        for (int i = 0; i < 4; i++) sameImage.add(start("write", dir, "1", String.valueOf(2 * MIB), "5", "example.com/same"));
        Process other = start("write", dir, "2", String.valueOf(MIB), "5", "example.com/other");
        Process remover = start("remove-loop", dir, "example.com/same", "40");
        Process collector = start("gc-loop", dir, "40");

        ImageId expected = GeneratedContent.idOf(1, 2 * MIB);
        for (Process writer : sameImage) assertEquals(expected.value(), finish(writer));
        assertEquals(GeneratedContent.idOf(2, MIB).value(), finish(other));
        finish(remover);
        finish(collector);

        try (ImageStore store = ImageStore.open(new StoreLayout(storeDir()))) {
            assertRowsHaveBlobs(store);
            assertTrue(store.sweep().done(), "no one is writing any more");
            assertClean(store);
        }
    }

    @Test
    void aWriterKilledMidIngestLeavesOnlyATempFileAndTheWriteCanBeRepeated() throws Exception {
        long size = 16 * MIB;
        Process writer = start("write", storeDir().toString(), "5", String.valueOf(size), "40", "example.com/slow");
        StoreLayout layout = new StoreLayout(storeDir());
        BlobStore blobs = new BlobStore(layout);
        Path temp = awaitPartialTempFile(blobs, writer);

        try (ImageStore store = ImageStore.open(layout)) {
            assertFalse(store.sweep().done(), "a live ingest keeps others from sweeping");
            assertTrue(Files.exists(temp), "a live ingest's temp file is never deleted");
        }

        writer.destroyForcibly();
        writer.waitFor();

        try (ImageStore store = ImageStore.open(layout)) {
            assertEquals(List.of(), store.list());
            assertEquals(Set.of(), blobs.ids());
            assertEquals(Set.of(temp), blobs.tempFiles(), "the killed ingest left its temp file");

            ImageId id = store.write(GeneratedContent.of(5, size),
                    ImageRecordInfo.of(new dev.rocket.spec.types.AcIdentifier("example.com/slow"), java.util.Map.of()));

            assertEquals(GeneratedContent.idOf(5, size), id);
            assertEquals(id, store.resolve("example.com/slow").id());
            assertClean(store);
        }
    }

    /** Waits until the child has streamed some data into its temp file. */
    private static Path awaitPartialTempFile(BlobStore blobs, Process writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(writer.isAlive(), "the writer ended before it could be killed");
            SortedSet<Path> temps = blobs.tempFiles();
            if (!temps.isEmpty() && Files.size(temps.first()) >= 2 * GeneratedContent.CHUNK) return temps.first();
            Thread.sleep(20);
        }
        throw new AssertionError("the writer never started ingesting");
    }
}
