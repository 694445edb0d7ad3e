package dev.rocket.trust;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One OpenPGP public key (a primary key with its user IDs and subkeys), read from a key file, described so
 * that {@code rkt trust} can show it before asking whether to trust it. Properties come only from
 * self-signatures that verify; a user ID or subkey the key did not certify itself is left out.
 */
public final class OpenPgpKey {

    /** Generous for a public key with many certifications; anything larger is not a key file. */
    static final int MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;

    private final PGPPublicKeyRing ring;
    private final KeyState primary;
    private final List<String> userIds;
    private final List<Subkey> subkeys;

    private OpenPgpKey(PGPPublicKeyRing ring) {
        this.ring = ring;
        this.primary = KeyState.primary(ring.getPublicKey());
        this.userIds = List.copyOf(SelfSignatures.userIds(ring.getPublicKey()));
        this.subkeys = boundSubkeys(ring);
    }

    /**
     * Reads every public key in a key file: ascii-armored (one or several armored blocks) or binary, as
     * {@code gpg --export} writes it. Refuses empty input, garbage and private keys.
     *
     * @param source names the input in error messages, e.g. a path or URL
     * @throws RocketException of kind {@code INVALID_ARGUMENT}
     */
    public static List<OpenPgpKey> readAll(InputStream in, String source) throws RocketException {
        byte[] bytes;
        try {
            bytes = BoundedInput.readAtMost(in, MAX_KEY_FILE_BYTES).orElseThrow(() -> new RocketException(
                    Kind.INVALID_ARGUMENT, source + " is larger than " + MAX_KEY_FILE_BYTES
                            + " bytes, too large to be an OpenPGP public key file"));
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read key file " + source + ": " + e.getMessage(), e);
        }
        if (BoundedInput.isBlank(bytes)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, source + " is empty; expected an OpenPGP public key"
                    + " (export one with gpg --armor --export KEY-ID)");
        }
        List<OpenPgpKey> keys = new ArrayList<>();
        try {
            InputStream decoded = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes));
            if (decoded instanceof ArmoredInputStream armored) {
                do {
                    readObjects(armored, source, keys);
                } while (!armored.isEndOfStream());
            } else {
                readObjects(decoded, source, keys);
            }
        } catch (IOException | RuntimeException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, source + " is not an OpenPGP public key file ("
                    + e.getMessage() + "); expected the output of gpg --armor --export KEY-ID", e);
        }
        if (keys.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, source + " contains no OpenPGP public key;"
                    + " expected the output of gpg --armor --export KEY-ID");
        }
        return List.copyOf(keys);
    }

    private static void readObjects(InputStream in, String source, List<OpenPgpKey> keys)
            throws IOException, RocketException {
        BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
        for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
            switch (object) {
                case PGPPublicKeyRing ring -> keys.add(new OpenPgpKey(ring));
                case PGPSecretKeyRing secret -> throw new RocketException(Kind.INVALID_ARGUMENT, source
                        + " contains a private key; never hand out private keys. Export only the public key"
                        + " with gpg --armor --export KEY-ID");
                case PGPMarker marker -> {
                    // Marker packets carry nothing and must be ignored (RFC 4880, 5.8).
                }
                default -> throw new RocketException(Kind.INVALID_ARGUMENT, source + " contains "
                        + object.getClass().getSimpleName().replaceFirst("^PGP", "")
                        + " data, not an OpenPGP public key; expected the output of gpg --armor --export KEY-ID");
            }
        }
    }

    /** The primary key's fingerprint; the key's name in the trust store. */
    public KeyFingerprint fingerprint() {
        return KeyFingerprint.of(ring.getPublicKey().getFingerprint());
    }

    /** The user IDs the key certified itself, such as {@code Carly Container <carly@example.com>}. */
    public List<String> userIds() {
        return userIds;
    }

    public Instant created() {
        return primary.created();
    }

    /** When the primary key expires, if its self-signature sets an expiry. */
    public Optional<Instant> expires() {
        return primary.expires();
    }

    /** Whether the key's owner revoked it: nothing it signs can be trusted. */
    public boolean revoked() {
        return primary.revocation().isPresent();
    }

    /** The subkeys the primary key bound to itself, in the key's order. */
    public List<Subkey> subkeys() {
        return subkeys;
    }

    private static List<Subkey> boundSubkeys(PGPPublicKeyRing ring) {
        List<Subkey> subkeys = new ArrayList<>();
        Iterator<PGPPublicKey> keys = ring.getPublicKeys();
        keys.next();
        while (keys.hasNext()) {
            KeyState state = KeyState.subkey(ring.getPublicKey(), keys.next());
            if (state.bound()) {
                subkeys.add(new Subkey(KeyFingerprint.of(state.key().getFingerprint()), state.created(),
                        state.expires(), state.maySign(), state.revocation().isPresent()));
            }
        }
        return List.copyOf(subkeys);
    }

    /** This key alone, ascii-armored without version or comment headers, as the trust store keeps it. */
    public byte[] armored() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            ring.encode(armor, true);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    PGPPublicKeyRing ring() {
        return ring;
    }

    KeyState primaryState() {
        return primary;
    }

    /** The fingerprint as rkt shows it and the first user ID, e.g. for error messages. */
    @Override
    public String toString() {
        return userIds.isEmpty() ? fingerprint().grouped()
                : fingerprint().grouped() + " (" + userIds.getFirst() + ")";
    }
}
