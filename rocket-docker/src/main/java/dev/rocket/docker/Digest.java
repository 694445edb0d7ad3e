package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A content digest as registries and OCI layouts write it: {@code sha256:<hex>} (or sha384, sha512). */
public record Digest(String algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Digest {
        int length = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
        if (hex.length() != length || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
        }
    }

    /** Parses {@code sha256:...}; {@code what} names the digest's owner in the error. */
    public static Digest parse(String text, String what) throws RocketException {
        int colon = text == null ? -1 : text.indexOf(':');
        try {
            if (colon < 0) throw new IllegalArgumentException("no algorithm");
            return new Digest(text.substring(0, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, what + " has an invalid digest \"" + text
                    + "\" (expected sha256:, sha384: or sha512: and lower-case hex)");
        }
    }

    public static Digest sha256(byte[] bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(newDigest("sha256").digest(bytes)));
    }

    /** A fresh hasher of this digest's algorithm. */
    public MessageDigest newDigest() {
        return newDigest(algorithm);
    }

    /** Whether {@code digest} (a finished hasher of this algorithm) matches. */
    public boolean matches(byte[] digest) {
        return HexFormat.of().formatHex(digest).equals(hex);
    }

    /** Throws VERIFICATION_FAILED unless the bytes hash to this digest. */
    public void verify(byte[] bytes, String what) throws RocketException {
        if (!matches(newDigest().digest(bytes))) {
            throw mismatch(what);
        }
    }

    RocketException mismatch(String what) {
        return new RocketException(Kind.VERIFICATION_FAILED, what + " does not match its digest " + this
                + ": the content was altered or corrupted; nothing was stored");
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
