package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.HexFormat;

/**
 * Image ID (types.md): {@code sha512-} followed by the 128 lowercase hex digits of the SHA-512 of the
 * uncompressed image tar. The only hash the specification permits is sha512.
 */
public record ImageId(String value) implements Comparable<ImageId> {

    public static final String ALGORITHM_PREFIX = "sha512-";
    private static final int HEX_DIGITS = 128;

    public ImageId {
        if (!isFull(value)) {
            throw new IllegalArgumentException("not a full image ID: " + value);
        }
    }

    public static ImageId parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) {
            throw new SpecException("imageID", text, "an image ID must not be empty");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new SpecException("imageID", text, "an image ID must have the form sha512-<128 hex digits>");
        }
        String algorithm = text.substring(0, dash);
        if (!algorithm.equals("sha512")) {
            throw new SpecException("imageID", text,
                    "the only hash algorithm permitted for image IDs is sha512, not \"" + algorithm + "\"");
        }
        if (!isFull(text)) {
            throw new SpecException("imageID", text, "an image ID must be sha512- followed by 128 lowercase hex digits");
        }
        return new ImageId(text);
    }

    /** Whether {@code text} is {@code sha512-} and 128 lowercase hex digits (a loop, see {@link AcName#isValid}). */
    private static boolean isFull(String text) {
        if (text == null || text.length() != ALGORITHM_PREFIX.length() + HEX_DIGITS || !text.startsWith(ALGORITHM_PREFIX)) {
            return false;
        }
        for (int i = ALGORITHM_PREFIX.length(); i < text.length(); i++) {
            if (!Forms.isLowerHex(text.charAt(i))) return false;
        }
        return true;
    }

    /** The image ID of a SHA-512 digest. */
    public static ImageId ofDigest(byte[] sha512) {
        if (sha512.length != 64) throw new IllegalArgumentException("a SHA-512 digest has 64 bytes, not " + sha512.length);
        return new ImageId(ALGORITHM_PREFIX + HexFormat.of().formatHex(sha512));
    }

    /** The hex digits without the algorithm prefix. */
    public String hex() {
        return value.substring(ALGORITHM_PREFIX.length());
    }

    @Override
    public int compareTo(ImageId other) {
        return value.compareTo(other.value);
    }

    /**
     * Written out rather than generated: a record's generated {@code equals} and {@code hashCode} run through
     * method handles, slow in the cold code of a fresh JVM that keys a map by thousands of these.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImageId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
