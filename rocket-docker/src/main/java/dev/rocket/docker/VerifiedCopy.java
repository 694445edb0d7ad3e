package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** Copies a blob to a file while hashing it; a digest mismatch removes the file and fails. */
final class VerifiedCopy {

    private VerifiedCopy() {
    }

    static void copy(InputStream in, Digest digest, long size, Path target, String what) throws RocketException {
        MessageDigest hasher = digest.newDigest();
        long copied = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), hasher)) {
            byte[] buffer = new byte[1 << 16];
            // stop as soon as the blob is longer than announced, rather than fill the disk
            for (int n = in.read(buffer); n >= 0 && copied <= size; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                copied += n;
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw new RocketException(Kind.UNAVAILABLE, "cannot copy " + what + " to " + target + ": " + e.getMessage(), e);
        }
        if (copied != size) {
            deleteQuietly(target);
            throw new RocketException(Kind.VERIFICATION_FAILED, what + " is " + (copied > size ? "longer" : "shorter")
                    + " than the " + size + " bytes its descriptor announced; nothing was stored");
        }
        if (!digest.matches(hasher.digest())) {
            deleteQuietly(target);
            throw digest.mismatch(what);
        }
    }

    /** Reads at most {@code limit} bytes and checks them against {@code digest}. */
    static byte[] read(InputStream in, Digest digest, int limit, String what) throws RocketException {
        try {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new RocketException(Kind.INVALID_ARGUMENT, what + " is larger than " + limit + " bytes; refused");
            }
            digest.verify(bytes, what);
            return bytes;
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the working directory is removed as a whole afterwards
        }
    }
}
