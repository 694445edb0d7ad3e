package dev.rocket.trust;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads small inputs (keys, signatures) whole, refusing any larger than a limit instead of filling memory. */
final class BoundedInput {

    private BoundedInput() {
    }

    /** All bytes of {@code in}, or empty when it holds more than {@code limit} bytes. */
    static Optional<byte[]> readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
    }

    /** Whether the bytes are nothing but whitespace. */
    static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) return false;
        }
        return true;
    }
}
