package dev.rocket.fetch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadAheadInputStreamTest {

    @Test
    void handsOnEveryByteInOrderAndShowsEachOnce() throws Exception {
        byte[] data = new byte[3 * (1 << 17) + 12345];
        new Random(7).nextBytes(data);
        AtomicLong seen = new AtomicLong();
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), chunk -> seen.addAndGet(chunk.length))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] odd = new byte[1000];
            for (int n; (n = in.read(odd, 0, odd.length)) >= 0; ) out.write(odd, 0, n);
            assertArrayEquals(data, out.toByteArray());
            assertEquals(-1, in.read());
        }
        assertEquals(data.length, seen.get());
    }

    @Test
    void aReadFailureReachesTheReaderAfterTheBytesBeforeIt() throws Exception {
        InputStream failing = new InputStream() {
            int left = 10;

            @Override
            public int read() throws IOException {
                if (left-- > 0) return 'x';
                throw new IOException("disk gone");
            }
        };
        try (ReadAheadInputStream in = new ReadAheadInputStream(failing, chunk -> { })) {
            IOException e = assertThrows(IOException.class, () -> in.readAllBytes());
            assertEquals("disk gone", e.getMessage());
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, chunk -> { });
        assertEquals(0, in.read());
        in.close(); // returns only once the thread has ended (it joins it)
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fetch-read-ahead") && t.isAlive()).count());
    }
}
