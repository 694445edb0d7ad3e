package dev.rocket.fetch;

import dev.rocket.base.Threads;
import dev.rocket.spec.types.ImageId;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes the uncompressed tar (SHA-512: the image ID) and writes it to the store's temp file on a thread of its
 * own, so that the fetch's pass runs on three threads: reading and the signature's hash
 * ({@link ReadAheadInputStream}), the archive's checks and the render (the caller), and this. The ID is the hash
 * of exactly the bytes written. Not for use by several writers.
 */
final class HashingBlobWriter implements AutoCloseable {

    private static final int CHUNKS_AHEAD = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final MessageDigest sha512;
    private final Thread thread;
    private volatile IOException failure;
    private byte[] digest;
    private boolean finished;

    /** @param tar receives every byte given to {@link #write}, in order, on this writer's thread */
    HashingBlobWriter(OutputStream tar) {
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
        thread = Thread.ofPlatform().daemon().name("fetch-store").unstarted(() -> pump(tar));
        thread.start();
    }

    private void pump(OutputStream tar) {
        try {
            for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                sha512.update(chunk);
                if (failure != null) continue; // drained, so that the caller never blocks; it fails on its next write
                try {
                    tar.write(chunk);
                } catch (IOException e) {
                    failure = e;
                }
            }
            digest = sha512.digest();
        } catch (InterruptedException e) {
            // closed by the caller after a failure: nothing more is wanted
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
        }
    }

    /** Hands over a copy of the bytes; fails with the store's error if an earlier write failed. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        IOException failed = failure;
        if (failed != null) throw failed;
        if (length > 0) put(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Waits for every byte to be written; the image ID of what was written. */
    ImageId finish() throws IOException {
        put(END);
        join();
        finished = true;
        IOException failed = failure;
        if (failed != null) throw failed;
        return ImageId.ofDigest(digest);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing the image");
        }
    }

    /** Stops the thread without waiting for what is queued, unless {@link #finish} ran; no write happens after. */
    @Override
    public void close() {
        if (finished) return;
        thread.interrupt();
        join();
        finished = true;
    }

    private void join() {
        Threads.joinUninterruptibly(thread);
    }
}
