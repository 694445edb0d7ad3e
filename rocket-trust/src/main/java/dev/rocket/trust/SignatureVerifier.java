package dev.rocket.trust;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.trust.SignatureRejectedException.Reason;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks an image's detached OpenPGP signature against the keys the {@link TrustStore} trusts for the image's
 * name, as rkt does before it stores a fetched image.
 *
 * <p>Validity is judged at the signature's creation time, as rkt did: an image signed while its key was valid
 * stays valid after the key expires, and a signature made after the key expired is refused. A revocation by
 * the key's owner refuses every signature of the key, whenever it was made, since the owner may have revoked
 * it because it was stolen. A signature that sets its own expiry is refused once that time has passed.
 */
public final class SignatureVerifier {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final TrustStore store;
    private final Clock clock;

    public SignatureVerifier(TrustStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SignatureVerifier(TrustStore store) {
        this(store, Clock.systemUTC());
    }

    /**
     * Verifies that {@code armoredDetachedSignature} is a valid signature over exactly the bytes of
     * {@code signedData}, made by a key trusted for {@code imageName}. Reads the data once, through a bounded
     * buffer; neither stream is closed.
     *
     * @return the key that signed
     * @throws SignatureRejectedException when the signature does not prove the image is trusted, with a
     *                                    {@link Reason} and a message saying what to do
     * @throws RocketException            when the data or the trust store cannot be read
     */
    public Signer verify(AcIdentifier imageName, InputStream signedData, InputStream armoredDetachedSignature)
            throws RocketException {
        Pending pending = begin(armoredDetachedSignature);
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            for (int n = signedData.read(buffer); n >= 0; n = signedData.read(buffer)) {
                pending.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read image " + imageName + " to verify its"
                    + " signature: " + e.getMessage(), e);
        }
        return pending.finish(imageName);
    }

    /**
     * Starts checking a detached signature over data that is streamed afterwards through
     * {@link Pending#update}, for callers that learn the image's name only from the data itself (the
     * manifest inside the archive). Every signature whose issuer is trusted for some prefix is hashed; which
     * prefixes count is decided by {@link Pending#finish}, once the name is known.
     */
    public Pending begin(InputStream armoredDetachedSignature) throws RocketException {
        List<PGPSignature> signatures = DetachedSignatures.read(armoredDetachedSignature);
        List<TrustedKey> everyKey = store.list();
        Map<PGPSignature, Optional<Exception>> hashing = new IdentityHashMap<>();
        for (PGPSignature signature : signatures) {
            Optional<Candidate> issuer = Candidate.find(signature, everyKey);
            if (issuer.isEmpty()) continue;
            hashing.put(signature, startHashing(signature, issuer.get().signingKey()));
        }
        return new Pending(signatures, hashing);
    }

    /**
     * Prefers the JDK's own digests and signatures: its SHA-2 are compiled to the CPU's SHA instructions
     * and hash images several times faster than Bouncy Castle's portable ones. Keys the JDK cannot handle
     * (e.g. Brainpool curves) fall back to Bouncy Castle.
     */
    private static Optional<Exception> startHashing(PGPSignature signature, PGPPublicKey key) {
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider(), key);
            return Optional.empty();
        } catch (PGPException | RuntimeException jdkRefused) {
            try {
                signature.init(new BcPGPContentVerifierBuilderProvider(), key);
                return Optional.empty();
            } catch (PGPException | RuntimeException e) {
                return Optional.of(e);
            }
        }
    }

    /** A signature check whose data is being streamed; not for use by several threads. */
    public final class Pending {
        private final List<PGPSignature> signatures;
        private final Map<PGPSignature, Optional<Exception>> hashing;
        private final List<PGPSignature> initialised;

        private Pending(List<PGPSignature> signatures, Map<PGPSignature, Optional<Exception>> hashing) {
            this.signatures = signatures;
            this.hashing = hashing;
            this.initialised = signatures.stream()
                    .filter(s -> hashing.containsKey(s) && hashing.get(s).isEmpty()).toList();
        }

        /** Feeds the next bytes of the signed data. */
        public void update(byte[] bytes, int offset, int length) {
            for (PGPSignature signature : initialised) signature.update(bytes, offset, length);
        }

        /**
         * Decides, after the last byte: a signature over the data by a key trusted for {@code imageName}.
         *
         * @return the key that signed
         * @throws SignatureRejectedException as {@link SignatureVerifier#verify} does
         */
        public Signer finish(AcIdentifier imageName) throws RocketException {
            List<TrustedKey> trusted = store.keysFor(imageName);
            Candidate candidate = null;
            for (PGPSignature signature : signatures) {
                candidate = Candidate.find(signature, trusted).orElse(null);
                if (candidate != null) break;
            }
            if (candidate == null) throw untrusted(imageName, signatures.getFirst());
            checkUsable(imageName, candidate);
            checkMatches(imageName, candidate, hashing.get(candidate.signature()));
            OpenPgpKey key = candidate.trusted().key();
            return new Signer(key.fingerprint(), KeyFingerprint.of(candidate.signingKey().getFingerprint()),
                    key.userIds(), candidate.signature().getCreationTime().toInstant(), candidate.trusted().scope());
        }
    }

    /** A signature and the trusted key (primary or subkey) that claims to have made it. */
    private record Candidate(PGPSignature signature, TrustedKey trusted, PGPPublicKey signingKey) {

        static Optional<Candidate> find(PGPSignature signature, List<TrustedKey> keys) {
            for (TrustedKey key : keys) {
                Optional<PGPPublicKey> match = issuer(signature, key.key());
                if (match.isPresent()) return Optional.of(new Candidate(signature, key, match.get()));
            }
            return Optional.empty();
        }

        static Optional<PGPPublicKey> issuer(PGPSignature signature, OpenPgpKey key) {
            for (KeyIdentifier id : signature.getKeyIdentifiers()) {
                if (id.isWildcard()) continue;
                PGPPublicKey match = key.ring().getPublicKey(id);
                if (match != null) return Optional.of(match);
            }
            return Optional.ofNullable(signature.getKeyID() == 0 ? null : key.ring().getPublicKey(signature.getKeyID()));
        }

        boolean bySubkey() {
            return !signingKey.isMasterKey();
        }
    }

    private void checkUsable(AcIdentifier imageName, Candidate candidate) throws SignatureRejectedException {
        PGPSignature signature = candidate.signature();
        OpenPgpKey key = candidate.trusted().key();
        Instant signedAt = signature.getCreationTime().toInstant();
        if (isWeak(signature.getHashAlgorithm())) {
            throw new SignatureRejectedException(Reason.WEAK_ALGORITHM, "the signature of image " + imageName
                    + " uses the " + hashName(signature.getHashAlgorithm()) + " hash, which no longer protects"
                    + " against forgery; ask the publisher to sign again with SHA-256 or stronger (key " + key + ")");
        }
        KeyState primary = key.primaryState();
        checkNotRevoked(imageName, primary, "key " + key);
        checkNotExpired(imageName, primary, "key " + key, signedAt);
        KeyState signing = primary;
        String signingName = "key " + key;
        if (candidate.bySubkey()) {
            signing = KeyState.subkey(primary.key(), candidate.signingKey());
            signingName = "signing subkey " + KeyFingerprint.of(candidate.signingKey().getFingerprint()).grouped()
                    + " of key " + key;
            if (!signing.bound()) {
                throw new SignatureRejectedException(Reason.KEY_UNUSABLE, "image " + imageName + " is signed by "
                        + signingName + ", but the key does not certify that subkey as its own;"
                        + " ask the publisher for their complete public key and trust it again");
            }
            checkNotRevoked(imageName, signing, signingName);
            checkNotExpired(imageName, signing, signingName, signedAt);
        }
        if (!signing.maySign()) {
            throw new SignatureRejectedException(Reason.KEY_UNUSABLE, "image " + imageName + " is signed by "
                    + signingName + ", which is not allowed to sign data (its key flags say so)");
        }
        if (signedAt.isBefore(signing.created())) {
            throw new SignatureRejectedException(Reason.KEY_UNUSABLE, "the signature of image " + imageName
                    + " claims to be made on " + signedAt + ", before " + signingName + " was created on "
                    + signing.created() + "; the signature is not genuine");
        }
        long validSeconds = signature.getHashedSubPackets() == null ? 0
                : signature.getHashedSubPackets().getSignatureExpirationTime();
        Instant now = clock.instant();
        if (validSeconds > 0 && !now.isBefore(signedAt.plusSeconds(validSeconds))) {
            throw new SignatureRejectedException(Reason.EXPIRED, "the signature of image " + imageName
                    + " expired on " + signedAt.plusSeconds(validSeconds) + "; fetch a freshly signed image");
        }
    }

    private static void checkNotRevoked(AcIdentifier imageName, KeyState state, String name)
            throws SignatureRejectedException {
        if (state.revocation().isEmpty()) return;
        KeyState.Revocation revocation = state.revocation().get();
        String why = revocation.reason().isBlank() ? "" : " (reason: " + revocation.reason() + ")";
        throw new SignatureRejectedException(Reason.REVOKED, "image " + imageName + " is signed by " + name
                + ", which its owner revoked on " + revocation.at() + why + "; nothing signed with it can be"
                + " trusted. Ask the publisher for an image signed with their current key");
    }

    private static void checkNotExpired(AcIdentifier imageName, KeyState state, String name, Instant signedAt)
            throws SignatureRejectedException {
        if (!state.expiredAt(signedAt)) return;
        throw new SignatureRejectedException(Reason.EXPIRED, "image " + imageName + " was signed on " + signedAt
                + " by " + name + ", which had expired on " + state.expires().orElseThrow() + ". Ask the publisher"
                + " for an image signed with a valid key; if they extended the key, trust its new version");
    }

    /** {@code hashing} is how the signature's hashing began: absent if it never did (keys changed meanwhile). */
    private static void checkMatches(AcIdentifier imageName, Candidate candidate, Optional<Exception> hashing)
            throws RocketException {
        PGPSignature signature = candidate.signature();
        Exception failed = hashing == null
                ? new IllegalStateException("the trusted keys changed while the image was read") : hashing.orElse(null);
        if (failed != null) {
            throw new SignatureRejectedException(Reason.KEY_UNUSABLE, "cannot check the signature of image "
                    + imageName + " with key " + candidate.trusted().key() + ": " + failed.getMessage(), failed);
        }
        boolean valid;
        try {
            valid = signature.verify();
        } catch (PGPException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new SignatureRejectedException(Reason.MISMATCH, "the signature of image " + imageName
                    + " does not match its data: the image or its signature was altered or damaged after"
                    + " signing (claimed signer: key " + candidate.trusted().key() + "). Do not run it; fetch"
                    + " both again from a source you trust");
        }
    }

    private SignatureRejectedException untrusted(AcIdentifier imageName, PGPSignature signature)
            throws RocketException {
        String suggestion = "If you trust the publisher, get their public key and run: rkt trust --prefix="
                + imageName + " KEY-FILE-OR-URL";
        List<TrustedKey> elsewhere = store.list().stream()
                .filter(k -> Candidate.issuer(signature, k.key()).isPresent())
                .toList();
        if (!elsewhere.isEmpty()) {
            String prefixes = elsewhere.stream().map(k -> "\"" + k.scope() + "\"").distinct()
                    .collect(Collectors.joining(", "));
            return new SignatureRejectedException(Reason.KEY_TRUSTED_FOR_OTHER_PREFIX, "image " + imageName
                    + " is signed by key " + elsewhere.getFirst().key() + ", which is trusted only for prefix "
                    + prefixes + ", not for " + imageName + ". " + suggestion);
        }
        return new SignatureRejectedException(Reason.UNTRUSTED_KEY, "image " + imageName + " is signed by "
                + describeIssuer(signature) + ", which is not a trusted key. " + suggestion);
    }

    private static String describeIssuer(PGPSignature signature) {
        for (KeyIdentifier id : signature.getKeyIdentifiers()) {
            if (id.getFingerprint() != null) {
                return "key with fingerprint " + KeyFingerprint.of(id.getFingerprint()).grouped();
            }
        }
        return "key ID " + HexFormat.of().withUpperCase().toHexDigits(signature.getKeyID());
    }

    private static boolean isWeak(int hashAlgorithm) {
        return hashAlgorithm == HashAlgorithmTags.MD5 || hashAlgorithm == HashAlgorithmTags.SHA1
                || hashAlgorithm == HashAlgorithmTags.RIPEMD160 || hashAlgorithm == HashAlgorithmTags.MD2;
    }

    private static String hashName(int hashAlgorithm) {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            default -> ("algorithm " + hashAlgorithm).toLowerCase(Locale.ROOT);
        };
    }
}
