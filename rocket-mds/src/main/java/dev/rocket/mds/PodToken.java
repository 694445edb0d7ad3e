package dev.rocket.mds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret in a pod's {@code AC_METADATA_URL}: 256 random bits, base64url without padding (43 characters, safe
 * in a URL path). The service keeps only each token's SHA-256, so that looking a token up compares digests, not
 * the secret itself, character by character.
 */
public final class PodToken {

    private static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PodToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} has the form of a token at all (a cheap check before any lookup). */
    public static boolean isWellFormed(String text) {
        return FORM.matcher(text).matches();
    }

    /** The key under which a token's pod is kept. */
    public static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
