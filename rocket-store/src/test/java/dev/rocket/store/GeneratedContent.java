package dev.rocket.store;

import dev.rocket.spec.types.ImageId;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Deterministic pseudo-random image content, streamed in chunks, optionally slowly. */
public final class GeneratedContent extends InputStream {

    public static final int CHUNK = 64 * 1024;

    private final SplittableRandom random;
    private final long size;
    private final long delayMillis;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkLength;
    private int chunkPosition;
    private long produced;

    public GeneratedContent(long seed, long size, long delayMillisPerChunk) {
        this.random = new SplittableRandom(seed);
        this.size = size;
        this.delayMillis = delayMillisPerChunk;
    }

    public static GeneratedContent of(long seed, long size) {
        return new GeneratedContent(seed, size, 0);
    }

    public static byte[] bytes(long seed, int size) {
        byte[] all = new byte[size];
        new SplittableRandom(seed).nextBytes(all);
        return all;
    }

    /** The image ID the content of {@code seed} and {@code size} hashes to, computed independently of the store. */
    public static ImageId idOf(long seed, long size) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            GeneratedContent content = of(seed, size);
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = content.read(buffer, 0, buffer.length)) >= 0; ) sha512.update(buffer, 0, n);
            return ImageId.ofDigest(sha512.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (chunkPosition == chunkLength) {
            if (produced == size) return -1;
            if (delayMillis > 0) pause();
            // Bytes are drawn a full chunk at a time so that content depends only on seed and size.
            random.nextBytes(chunk);
            chunkLength = (int) Math.min(CHUNK, size - produced);
            chunkPosition = 0;
            produced += chunkLength;
        }
        int n = Math.min(length, chunkLength - chunkPosition);
        System.arraycopy(chunk, chunkPosition, buffer, offset, n);
        chunkPosition += n;
        return n;
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
