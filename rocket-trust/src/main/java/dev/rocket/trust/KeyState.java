package dev.rocket.trust;

import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

import java.time.Instant;
import java.util.Optional;

/**
 * What a key ring's own, verified self-signatures say about one of its keys (the primary key or a subkey).
 *
 * @param bound      for a subkey, whether the primary key bound it; always true for the primary key
 * @param maySign    whether its key flags allow signing data (keys without flags may)
 * @param revocation the owner's revocation, if any
 */
record KeyState(PGPPublicKey key, Instant created, Optional<Instant> expires, boolean bound, boolean maySign,
                Optional<Revocation> revocation) {

    /** A revocation: when it was made and the owner's reason, possibly empty. */
    record Revocation(Instant at, String reason) {
    }

    static KeyState primary(PGPPublicKey primary) {
        Optional<PGPSignature> self = SelfSignatures.latestPrimary(primary);
        return new KeyState(primary, created(primary), expiry(primary, self), true, maySign(self),
                SelfSignatures.revocation(primary).map(KeyState::revocation));
    }

    static KeyState subkey(PGPPublicKey primary, PGPPublicKey subkey) {
        Optional<PGPSignature> binding = SelfSignatures.latestBinding(primary, subkey);
        return new KeyState(subkey, created(subkey), expiry(subkey, binding), binding.isPresent(), maySign(binding),
                SelfSignatures.subkeyRevocation(primary, subkey).map(KeyState::revocation));
    }

    /** Whether the key had expired at {@code time}. */
    boolean expiredAt(Instant time) {
        return expires.isPresent() && !time.isBefore(expires.get());
    }

    private static Instant created(PGPPublicKey key) {
        return key.getCreationTime().toInstant();
    }

    private static Optional<Instant> expiry(PGPPublicKey key, Optional<PGPSignature> selfSignature) {
        long seconds = selfSignature.map(PGPSignature::getHashedSubPackets)
                .map(PGPSignatureSubpacketVector::getKeyExpirationTime).orElse(0L);
        return seconds <= 0 ? Optional.empty() : Optional.of(created(key).plusSeconds(seconds));
    }

    private static boolean maySign(Optional<PGPSignature> selfSignature) {
        Optional<PGPSignatureSubpacketVector> hashed = selfSignature.map(PGPSignature::getHashedSubPackets);
        if (hashed.isEmpty() || !hashed.get().hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) return true;
        return (hashed.get().getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
    }

    private static Revocation revocation(PGPSignature sig) {
        RevocationReason reason = sig.getHashedSubPackets() == null ? null
                : sig.getHashedSubPackets().getRevocationReason();
        return new Revocation(sig.getCreationTime().toInstant(),
                reason == null ? "" : reason.getRevocationDescription());
    }
}
