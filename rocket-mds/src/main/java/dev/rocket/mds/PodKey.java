package dev.rocket.mds;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** A pod's HMAC-SHA512 key (RFC 2104), made when the pod registers and never leaving the service. */
public final class PodKey {

    private static final String ALGORITHM = "HmacSHA512";
    // RFC 2104 recommends a key at least as long as the hash output (64 bytes for SHA-512)
    private static final int KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private PodKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A key of the given bytes; for known-answer tests, never for a pod. */
    static PodKey of(byte[] key) {
        return new PodKey(key.clone());
    }

    public static PodKey generate() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return new PodKey(bytes);
    }

    /** The base64 HMAC-SHA512 of {@code content}'s UTF-8 bytes. */
    public String sign(String content) {
        return Base64.getEncoder().encodeToString(mac(content));
    }

    /** Whether {@code signature} (base64) is this key's HMAC of {@code content}; malformed base64 is simply false. */
    public boolean verify(String content, String signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(content), given);
    }

    private byte[] mac(String content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA512", e);
        }
    }
}
