package dev.rocket.store;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.cas.BlobStore;
import dev.rocket.store.index.CacheValidators;
import dev.rocket.store.index.ImageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.rocket.store.StoreAssertions.assertClean;
import static dev.rocket.store.StoreAssertions.assertRowsHaveBlobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private ImageStore store;

    @BeforeEach
    void open() throws RocketException {
        store = ImageStore.open(new StoreLayout(dir), clock);
    }

    @AfterEach
    void close() throws RocketException {
        store.close();
    }

    private static ImageRecordInfo info(String name, String... keyValues) {
        LinkedHashMap<AcIdentifier, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) labels.put(new AcIdentifier(keyValues[i]), keyValues[i + 1]);
        return ImageRecordInfo.of(new AcIdentifier(name), labels);
    }

    private ImageId write(long seed, ImageRecordInfo info) throws RocketException {
        return store.write(GeneratedContent.of(seed, 50_000), info);
    }

    @Test
    void writeStoresBlobAndRowThatAgree() throws Exception {
        ImageId id = write(1, info("example.com/app", "version", "1.0", "os", "linux"));
        assertEquals(GeneratedContent.idOf(1, 50_000), id);
        ImageRecord record = store.get(id);
        assertEquals(new AcIdentifier("example.com/app"), record.name());
        assertEquals(50_000, record.size());
        assertEquals(T0, record.importTime());
        assertEquals(T0, record.lastUsed());
        try (InputStream in = store.openBlob(id)) {
            assertArrayEquals(GeneratedContent.bytes(1, 50_000), in.readAllBytes());
        }
        assertClean(store);
    }

    @Test
    void writingTheSameImageAgainKeepsOneImageAndRefreshesItsRow() throws Exception {
        ImageId first = write(1, info("example.com/app", "version", "1"));
        clock.advance(Duration.ofHours(1));
        URI origin = URI.create("https://example.com/app.aci");
        ImageId second = write(1, info("example.com/app", "version", "1")
                .fetchedFrom(origin, new CacheValidators(Optional.of("e1"), Optional.empty(), Optional.empty())));
        assertEquals(first, second);
        assertEquals(1, store.list().size());
        assertEquals(T0.plus(Duration.ofHours(1)), store.get(first).importTime());
        assertEquals(first, store.byOrigin(origin).orElseThrow().id());
        assertClean(store);
    }

    @Test
    void aMismatchingExpectedIdStoresNothing() throws Exception {
        ImageId expected = GeneratedContent.idOf(2, 50_000);
        RocketException e = assertThrows(RocketException.class,
                () -> write(1, info("example.com/app").expecting(expected)));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains(expected.value()), e.getMessage());
        assertTrue(e.getMessage().contains(GeneratedContent.idOf(1, 50_000).value()), e.getMessage());
        assertEquals(List.of(), store.list());
        assertClean(store);
    }

    @Test
    void resolveByIdPrefixAndByNameAndLabels() throws Exception {
        ImageId v1 = write(1, info("example.com/app", "version", "1", "os", "linux"));
        clock.advance(Duration.ofMinutes(1));
        ImageId v2 = write(2, info("example.com/app", "version", "2", "os", "linux"));

        assertEquals(v1, store.resolve(v1.value()).id());
        assertEquals(v2, store.resolve(v2.value().substring(0, 19)).id());
        assertEquals(v2, store.resolve("example.com/app").id(), "latest import when no label is asked for");
        assertEquals(v1, store.resolve("example.com/app:1").id());
        assertEquals(v2, store.resolve("example.com/app,os=linux").id());

        RocketException missing = assertThrows(RocketException.class, () -> store.resolve("example.com/app:3"));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertTrue(missing.getMessage().contains("example.com/app:3") && missing.getMessage().contains("rkt fetch"),
                missing.getMessage());
        assertEquals(Kind.INVALID_ARGUMENT,
                assertThrows(RocketException.class, () -> store.resolve("Example.com/App")).kind());
    }

    @Test
    void anAmbiguousPrefixThroughTheStoreListsCandidates() throws Exception {
        // Seventeen images cannot all differ in their first hex digit.
        for (int seed = 0; seed < 17; seed++) write(seed, info("example.com/app" + seed));
        List<String> ids = store.list().stream().map(r -> r.id().value()).toList();
        String ambiguous = ids.stream().map(id -> id.substring(0, 8))
                .filter(prefix -> ids.stream().filter(id -> id.startsWith(prefix)).count() > 1)
                .findFirst().orElseThrow();
        RocketException e = assertThrows(RocketException.class, () -> store.resolve(ambiguous));
        assertEquals(Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    }

    @Test
    void removeDeletesRowAndBlob() throws Exception {
        ImageId keep = write(1, info("example.com/keep"));
        ImageId gone = write(2, info("example.com/gone"));
        assertEquals(gone, store.remove(gone).id());
        assertEquals(List.of(keep), store.list().stream().map(ImageRecord::id).toList());
        assertFalse(Files.exists(store.layout().blob(gone)));
        RocketException e = assertThrows(RocketException.class, () -> store.remove(gone));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(gone.value()), e.getMessage());
        assertClean(store);
    }

    @Test
    void gcRemovesOnlyImagesNotUsedWithinTheGracePeriod() throws Exception {
        ImageId old = write(1, info("example.com/old"));
        ImageId usedLately = write(2, info("example.com/used"));
        clock.advance(Duration.ofHours(20));
        ImageId recent = write(3, info("example.com/recent"));
        store.touch(usedLately);
        clock.advance(Duration.ofHours(5));

        GcResult result = store.gc(Duration.ofHours(24));

        assertEquals(List.of(old), result.removed().stream().map(ImageRecord::id).toList());
        assertEquals(List.of(), result.busy());
        assertTrue(result.sweep().done());
        assertEquals(List.of(usedLately, recent).stream().sorted().toList(),
                store.list().stream().map(ImageRecord::id).sorted().toList());
        assertClean(store);
    }

    @Test
    void sweepDeletesLeftoverTempFilesAndBlobsWithoutRows() throws Exception {
        ImageId kept = write(1, info("example.com/kept"));
        // What a crash leaves: a temp file mid-ingest, and a blob renamed into place whose row was never inserted.
        Files.writeString(store.layout().tmp().resolve("ingest-dead.tmp"), "partial");
        ImageId orphan = GeneratedContent.idOf(9, 10);
        Files.createDirectories(store.layout().blob(orphan).getParent());
        Files.write(store.layout().blob(orphan), GeneratedContent.bytes(9, 10));
        assertRowsHaveBlobs(store);

        SweepResult sweep = store.sweep();

        assertEquals(new SweepResult(true, 1, 1), sweep);
        assertEquals(List.of(kept), store.list().stream().map(ImageRecord::id).toList());
        assertClean(store);
    }

    @Test
    void theNextWriteCleansTempFilesOfDeadIngests() throws Exception {
        Files.createDirectories(store.layout().tmp());
        Files.writeString(store.layout().tmp().resolve("ingest-dead.tmp"), "partial");
        write(1, info("example.com/app"));
        assertEquals(List.of(), List.copyOf(new BlobStore(store.layout()).tempFiles()));
    }

    @Test
    void verifyReportsAnImageAlteredOnDisk() throws Exception {
        ImageId id = write(1, info("example.com/app"));
        store.verify(id);
        Files.write(store.layout().blob(id), new byte[] {0});
        RocketException e = assertThrows(RocketException.class, () -> store.verify(id));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
    }

    @Test
    void touchAndCacheUpdatesOfUnknownImagesAreNotFound() {
        ImageId unknown = GeneratedContent.idOf(5, 5);
        assertEquals(Kind.NOT_FOUND, assertThrows(RocketException.class, () -> store.touch(unknown)).kind());
        assertEquals(Kind.NOT_FOUND,
                assertThrows(RocketException.class, () -> store.updateCache(unknown, CacheValidators.NONE)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(RocketException.class, () -> store.openBlob(unknown)).kind());
    }

    @Test
    void threadsOfOneProcessMayWriteTheSameImageAtOnce() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    store.write(new GeneratedContent(1, 300_000, 2), info("example.com/app"));
                    store.gc(Duration.ZERO);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        assertEquals(List.of(), failures);
        assertRowsHaveBlobs(store);
        assertTrue(store.sweep().done());
        assertClean(store);
    }

    @Test
    void usedIsRecordedByTouch() throws Exception {
        ImageId id = write(1, info("example.com/app"));
        clock.advance(Duration.ofMinutes(3));
        store.touch(id);
        assertEquals(T0.plus(Duration.ofMinutes(3)), store.get(id).lastUsed());
        assertEquals(T0, store.get(id).importTime());
        assertEquals(Map.of(), store.get(id).labels());
    }
}
