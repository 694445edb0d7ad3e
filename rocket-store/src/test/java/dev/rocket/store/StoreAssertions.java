package dev.rocket.store;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.cas.BlobStore;
import dev.rocket.store.index.ImageRecord;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that index and blobs agree, as a user of {@code rkt image list} and {@code rkt image verify} would. */
final class StoreAssertions {

    private StoreAssertions() {
    }

    /** Every row has its blob, of the recorded size and content. Blobs without rows are allowed (garbage). */
    static void assertRowsHaveBlobs(ImageStore store) throws RocketException {
        BlobStore blobs = new BlobStore(store.layout());
        for (ImageRecord record : store.list()) {
            assertTrue(blobs.contains(record.id()), "index row without blob: " + record.id());
            assertEquals(record.size(), blobs.size(record.id()), "size of " + record.id());
            store.verify(record.id());
        }
    }

    /** Rows and blobs match one to one and no temp file is left; call after a clean-up pass. */
    static void assertClean(ImageStore store) throws RocketException {
        assertRowsHaveBlobs(store);
        BlobStore blobs = new BlobStore(store.layout());
        Set<ImageId> indexed = new TreeSet<>();
        for (ImageRecord record : store.list()) indexed.add(record.id());
        assertEquals(indexed, blobs.ids(), "blobs and index rows");
        assertEquals(Set.of(), blobs.tempFiles(), "temp files left");
    }
}
