package dev.rocket.trust;

import dev.rocket.base.RocketException;

/**
 * An image signature that does not prove the image comes from a trusted publisher. Always of kind
 * {@link RocketException.Kind#VERIFICATION_FAILED}; {@link #reason()} tells callers which case it is, the
 * message tells the user what to do.
 */
public final class SignatureRejectedException extends RocketException {

    private static final long serialVersionUID = 1L;

    /** Why the signature was refused. */
    public enum Reason {
        /** The signature input is not a readable detached OpenPGP signature over a file. */
        MALFORMED,
        /** The signature does not match the data: the image or the signature was altered. */
        MISMATCH,
        /** The signing key is not in the trust store at all. */
        UNTRUSTED_KEY,
        /** The signing key is trusted, but only for prefixes that do not cover this image. */
        KEY_TRUSTED_FOR_OTHER_PREFIX,
        /** The signing key (or subkey) had expired when the signature was made, or the signature has expired. */
        EXPIRED,
        /** The owner revoked the signing key or its primary key. */
        REVOKED,
        /** The key may not sign this way: not a signing key, not yet valid, unbound subkey or unsupported algorithm. */
        KEY_UNUSABLE,
        /** The signature uses a hash algorithm that no longer protects against forgery (MD5, SHA-1, RIPEMD-160). */
        WEAK_ALGORITHM
    }

    private final Reason reason;

    SignatureRejectedException(Reason reason, String message) {
        super(Kind.VERIFICATION_FAILED, message);
        this.reason = reason;
    }

    SignatureRejectedException(Reason reason, String message, Throwable cause) {
        super(Kind.VERIFICATION_FAILED, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
