package dev.rocket.store;

import dev.rocket.spec.types.ImageId;
import dev.rocket.store.StoreLocks.Held;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreLocksTest {

    @TempDir
    Path dir;

    @Test
    void theStoreLockIsExclusiveOnlyWhenNoWriterHoldsItShared() throws Exception {
        try (StoreLocks locks = StoreLocks.open(dir.resolve("store.lock"))) {
            try (Held first = locks.storeShared(); Held second = locks.storeShared()) {
                assertEquals(Optional.empty(), locks.tryStoreExclusive());
            }
            Optional<Held> exclusive = locks.tryStoreExclusive();
            assertTrue(exclusive.isPresent());
            exclusive.get().close();
        }
    }

    @Test
    void anImageLockExcludesOthersButNotOtherImages() throws Exception {
        ImageId a = new ImageId("sha512-" + "a".repeat(128));
        ImageId b = new ImageId("sha512-" + "b".repeat(128));
        try (StoreLocks locks = StoreLocks.open(dir.resolve("store.lock"))) {
            try (Held held = locks.image(a)) {
                assertFalse(freeForAnotherThread(locks, a));
                assertTrue(freeForAnotherThread(locks, b));
            }
            assertTrue(freeForAnotherThread(locks, a));
        }
    }

    /** Whether another thread can take the image lock right now; it releases it again at once. */
    private static boolean freeForAnotherThread(StoreLocks locks, ImageId id) throws Exception {
        Object[] result = new Object[1];
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                Optional<Held> held = locks.tryImage(id);
                held.ifPresent(Held::close);
                result[0] = held.isPresent();
            } catch (Exception e) {
                result[0] = e;
            }
        });
        thread.join();
        if (result[0] instanceof Exception e) throw e;
        return (Boolean) result[0];
    }

    @Test
    void imageLockBytesNeverOverlapTheStoreByte() {
        assertEquals(1, StoreLocks.offset(new ImageId("sha512-" + "0".repeat(128))));
        assertEquals(1 + 0xfffffffffffffffL, StoreLocks.offset(new ImageId("sha512-" + "f".repeat(128))));
    }
}
