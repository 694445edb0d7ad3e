package dev.rocket.store.cas;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.GeneratedContent;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.cas.BlobStore.StagedBlob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobStoreTest {

    @TempDir
    Path dir;

    private StoreLayout layout() {
        return new StoreLayout(dir);
    }

    private static ImageId stored(BlobStore blobs, InputStream content) throws RocketException {
        try (StagedBlob staged = blobs.stage(content, Optional.empty())) {
            staged.commit();
            return staged.id();
        }
    }

    @Test
    void committedBlobIsNamedBySha512OfItsContentAndReadsBack() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        byte[] content = GeneratedContent.bytes(7, 300_000);
        ImageId id;
        try (StagedBlob staged = blobs.stage(new ByteArrayInputStream(content), Optional.empty())) {
            id = staged.id();
            assertEquals(300_000, staged.size());
            assertFalse(blobs.contains(id), "not visible before commit");
            staged.commit();
        }
        assertEquals(GeneratedContent.idOf(7, 300_000), id);
        assertEquals(layout().blobs().resolve(id.hex().substring(0, 2)).resolve(id.value()), layout().blob(id));
        assertTrue(Files.isRegularFile(layout().blob(id)));
        try (InputStream in = blobs.open(id)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(Set.of(id), blobs.ids());
        assertEquals(Set.of(), blobs.tempFiles());
        blobs.verify(id);
    }

    @Test
    void mismatchingExpectedIdKeepsNothingAndNamesBothIds() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        ImageId expected = GeneratedContent.idOf(1, 1000);
        ImageId actual = GeneratedContent.idOf(2, 1000);
        RocketException e = assertThrows(RocketException.class,
                () -> blobs.stage(GeneratedContent.of(2, 1000), Optional.of(expected)));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains(expected.value()), e.getMessage());
        assertTrue(e.getMessage().contains(actual.value()), e.getMessage());
        assertEquals(Set.of(), blobs.ids());
        assertEquals(Set.of(), blobs.tempFiles());
    }

    @Test
    void matchingExpectedIdIsAccepted() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        ImageId expected = GeneratedContent.idOf(3, 5000);
        try (StagedBlob staged = blobs.stage(GeneratedContent.of(3, 5000), Optional.of(expected))) {
            staged.commit();
        }
        assertTrue(blobs.contains(expected));
    }

    @Test
    void closingWithoutCommitDeletesTheTempFile() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        ImageId id;
        try (StagedBlob staged = blobs.stage(GeneratedContent.of(4, 4096), Optional.empty())) {
            id = staged.id();
            assertEquals(1, blobs.tempFiles().size());
        }
        assertFalse(blobs.contains(id));
        assertEquals(Set.of(), blobs.tempFiles());
    }

    @Test
    void failingInputLeavesNoTempFile() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        RocketException e = assertThrows(RocketException.class, () -> blobs.stage(broken, Optional.empty()));
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertEquals(Set.of(), blobs.tempFiles());
    }

    @Test
    void committingTheSameContentTwiceKeepsOneBlob() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        for (int i = 0; i < 2; i++) stored(blobs, GeneratedContent.of(5, 2000));
        assertEquals(1, blobs.ids().size());
        assertEquals(Set.of(), blobs.tempFiles());
    }

    @Test
    void verifyDetectsACorruptedBlob() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        ImageId id = stored(blobs, GeneratedContent.of(6, 2000));
        Files.write(layout().blob(id), new byte[] {1, 2, 3});
        RocketException e = assertThrows(RocketException.class, () -> blobs.verify(id));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains(id.value()) && e.getMessage().contains("rkt image rm"), e.getMessage());
    }

    @Test
    void removeDeletesTheBlobAndOpenThenFailsAsNotFound() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        ImageId id = stored(blobs, GeneratedContent.of(8, 100));
        assertTrue(blobs.remove(id));
        assertFalse(blobs.remove(id));
        RocketException e = assertThrows(RocketException.class, () -> blobs.open(id));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(id.value()), e.getMessage());
    }

    @Test
    void anOpenBlobStaysReadableAfterRemoval() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        byte[] content = GeneratedContent.bytes(9, 10_000);
        ImageId id = stored(blobs, new ByteArrayInputStream(content));
        try (InputStream in = blobs.open(id)) {
            blobs.remove(id);
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void strayFilesInTheBlobDirectoryAreNotTakenForBlobs() throws Exception {
        BlobStore blobs = new BlobStore(layout());
        Files.createDirectories(layout().blobs().resolve("ab"));
        Files.writeString(layout().blobs().resolve("ab").resolve("notes.txt"), "x");
        assertEquals(Set.of(), blobs.ids());
    }
}
