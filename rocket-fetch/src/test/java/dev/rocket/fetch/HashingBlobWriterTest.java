package dev.rocket.fetch;

import dev.rocket.spec.types.ImageId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HashingBlobWriterTest {

    @Test
    void writesEveryByteInOrderAndNamesThemByTheirSha512() throws Exception {
        byte[] data = new byte[5 * (1 << 17) + 777];
        new Random(3).nextBytes(data);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        ImageId id;
        try (HashingBlobWriter writer = new HashingBlobWriter(stored)) {
            for (int offset = 0, step = 1; offset < data.length; offset += step, step = step * 7 % 200_003 + 1) {
                writer.write(data, offset, Math.min(step, data.length - offset));
            }
            id = writer.finish();
        }
        assertArrayEquals(data, stored.toByteArray());
        assertEquals(ImageId.ofDigest(MessageDigest.getInstance("SHA-512").digest(data)), id);
    }

    @Test
    void aStoreFailureReachesTheCallerAndNothingIsWrittenAfterIt() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        IOException full = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (writes.incrementAndGet() == 3) throw full;
            }
        };
        try (HashingBlobWriter writer = new HashingBlobWriter(failing)) {
            byte[] chunk = new byte[1000];
            // the failure shows at a later write or, at the latest, at finish
            IOException thrown = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 10_000; i++) writer.write(chunk, 0, chunk.length);
                writer.finish();
            });
            assertEquals(full, thrown);
        }
        assertEquals(3, writes.get(), "nothing is written after the first failure");
    }

    @Test
    void closingWithoutFinishingStopsTheThread() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.incrementAndGet();
            }
        };
        HashingBlobWriter writer = new HashingBlobWriter(slow);
        writer.write(new byte[10], 0, 10);
        writer.close();
        int after = writes.get();
        Thread.sleep(50);
        assertEquals(after, writes.get(), "no write after close");
        writer.close();
    }
}
