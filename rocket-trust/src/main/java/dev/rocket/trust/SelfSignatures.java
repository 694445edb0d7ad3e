package dev.rocket.trust;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The signatures a key ring's primary key made over its own parts (user IDs, subkeys, revocations), each
 * checked cryptographically: anything that does not verify is ignored, as if it were not there.
 */
final class SelfSignatures {

    private static final int[] USER_ID_CERTIFICATIONS = {
            PGPSignature.POSITIVE_CERTIFICATION, PGPSignature.CASUAL_CERTIFICATION,
            PGPSignature.NO_CERTIFICATION, PGPSignature.DEFAULT_CERTIFICATION};

    private SelfSignatures() {
    }

    /** The user IDs of {@code primary} that it certified itself, in the key's order. */
    static List<String> userIds(PGPPublicKey primary) {
        List<String> ids = new ArrayList<>();
        for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
            String id = it.next();
            if (!certificationsOf(primary, id).isEmpty()) ids.add(id);
        }
        return ids;
    }

    /**
     * The newest valid self-signature that carries the primary key's properties (expiry, key flags): a user ID
     * certification or a direct-key signature.
     */
    static Optional<PGPSignature> latestPrimary(PGPPublicKey primary) {
        List<PGPSignature> found = new ArrayList<>();
        for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
            found.addAll(certificationsOf(primary, it.next()));
        }
        for (PGPSignature sig : ofType(primary, PGPSignature.DIRECT_KEY)) {
            if (issuedBy(sig, primary) && verifies(sig, primary, () -> sig.verifyCertification(primary))) {
                found.add(sig);
            }
        }
        return newest(found);
    }

    /** A valid revocation of the primary key by itself. */
    static Optional<PGPSignature> revocation(PGPPublicKey primary) {
        for (PGPSignature sig : ofType(primary, PGPSignature.KEY_REVOCATION)) {
            if (issuedBy(sig, primary) && verifies(sig, primary, () -> sig.verifyCertification(primary))) {
                return Optional.of(sig);
            }
        }
        return Optional.empty();
    }

    /** The newest valid binding of {@code subkey} to {@code primary}; without one the subkey is not part of the key. */
    static Optional<PGPSignature> latestBinding(PGPPublicKey primary, PGPPublicKey subkey) {
        List<PGPSignature> found = new ArrayList<>();
        for (PGPSignature sig : ofType(subkey, PGPSignature.SUBKEY_BINDING)) {
            if (issuedBy(sig, primary) && verifies(sig, primary, () -> sig.verifyCertification(primary, subkey))) {
                found.add(sig);
            }
        }
        return newest(found);
    }

    /** A valid revocation of {@code subkey} by {@code primary}. */
    static Optional<PGPSignature> subkeyRevocation(PGPPublicKey primary, PGPPublicKey subkey) {
        for (PGPSignature sig : ofType(subkey, PGPSignature.SUBKEY_REVOCATION)) {
            if (issuedBy(sig, primary) && verifies(sig, primary, () -> sig.verifyCertification(primary, subkey))) {
                return Optional.of(sig);
            }
        }
        return Optional.empty();
    }

    private static List<PGPSignature> certificationsOf(PGPPublicKey primary, String userId) {
        List<PGPSignature> found = new ArrayList<>();
        Iterator<PGPSignature> sigs = primary.getSignaturesForID(userId);
        while (sigs != null && sigs.hasNext()) {
            PGPSignature sig = sigs.next();
            if (isUserIdCertification(sig.getSignatureType()) && issuedBy(sig, primary)
                    && verifies(sig, primary, () -> sig.verifyCertification(userId, primary))) {
                found.add(sig);
            }
        }
        return found;
    }

    private static boolean isUserIdCertification(int type) {
        for (int t : USER_ID_CERTIFICATIONS) {
            if (t == type) return true;
        }
        return false;
    }

    private static List<PGPSignature> ofType(PGPPublicKey key, int type) {
        List<PGPSignature> sigs = new ArrayList<>();
        key.getSignaturesOfType(type).forEachRemaining(sigs::add);
        return sigs;
    }

    private static boolean issuedBy(PGPSignature sig, PGPPublicKey key) {
        return sig.getKeyID() == key.getKeyID() || sig.hasKeyIdentifier(key.getKeyIdentifier());
    }

    private static Optional<PGPSignature> newest(List<PGPSignature> sigs) {
        return sigs.stream().max(Comparator.comparing(PGPSignature::getCreationTime));
    }

    private interface Check {
        boolean run() throws PGPException;
    }

    private static boolean verifies(PGPSignature sig, PGPPublicKey signer, Check check) {
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), signer);
            return check.run();
        } catch (PGPException | RuntimeException unverifiable) {
            // Unsupported algorithms and malformed packets make a signature count as absent, never as valid.
            return false;
        }
    }
}
