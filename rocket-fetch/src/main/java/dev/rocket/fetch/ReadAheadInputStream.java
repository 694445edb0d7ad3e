package dev.rocket.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads a stream on a thread of its own, showing each chunk to {@code onChunk} there, and hands the chunks
 * on in order. A fetch hashes the image twice (the signature's hash over the bytes as downloaded, the image
 * ID over the uncompressed tar); this puts the two hashes on two cores. Not for use by several readers.
 */
final class ReadAheadInputStream extends InputStream {

    private static final int CHUNK = 1 << 17;
    private static final int CHUNKS_AHEAD = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread reader;
    private volatile Exception failure;
    private byte[] current = new byte[0];
    private int position;

    ReadAheadInputStream(InputStream source, Consumer<byte[]> onChunk) {
        reader = Thread.ofPlatform().daemon().name("fetch-read-ahead").unstarted(() -> pump(source, onChunk));
        reader.start();
    }

    private void pump(InputStream source, Consumer<byte[]> onChunk) {
        try {
            for (byte[] chunk = nextChunk(source); chunk.length > 0; chunk = nextChunk(source)) {
                onChunk.accept(chunk);
                chunks.put(chunk);
            }
        } catch (InterruptedException e) {
            return; // closed by the reader: nobody waits for the end
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            // closed meanwhile
        }
    }

    /**
     * Up to {@link #CHUNK} bytes: as many as the source gives without blocking once it has given some, so that a
     * slow download is handed on (hashed, stored) as it arrives and a fast one in large chunks. Empty at the end.
     */
    private static byte[] nextChunk(InputStream source) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int filled = source.read(chunk, 0, CHUNK);
        if (filled < 0) return new byte[0];
        while (filled < CHUNK && source.available() > 0) {
            int read = source.read(chunk, filled, CHUNK - filled);
            if (read < 0) break;
            filled += read;
        }
        return filled == CHUNK ? chunk : Arrays.copyOf(chunk, filled);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (position == current.length) {
            if (current == END) return -1;
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the image");
            }
            position = 0;
            if (current == END) {
                Exception failed = failure;
                if (failed instanceof IOException io) throw io;
                if (failed != null) throw new IOException(failed.getMessage(), failed);
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        reader.interrupt();
        chunks.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
