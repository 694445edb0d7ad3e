package dev.rocket.trust;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.trust.SignatureRejectedException.Reason;
import dev.rocket.trust.TestKeys.TestKey;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureVerifierTest {

    private static final AcIdentifier HELLO = new AcIdentifier("example.com/hello");
    private static final TrustScope EXAMPLE = TrustScope.prefix(new AcIdentifier("example.com"));
    private static final byte[] IMAGE = "an ACI, byte for byte as downloaded\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private TrustStore store;
    private SignatureVerifier verifier;

    @BeforeEach
    void setUp() {
        store = new TrustStore(new TrustDirectories(tmp.resolve("system"), tmp.resolve("local"), Optional.empty()));
        verifier = new SignatureVerifier(store);
    }

    private void trust(TrustScope scope, TestKey key) {
        try {
            store.add(scope, key.key(), ConfigLayer.LOCAL);
        } catch (RocketException e) {
            throw new AssertionError(e);
        }
    }

    private Signer verify(AcIdentifier name, byte[] data, byte[] signature) throws RocketException {
        return verifier.verify(name, new ByteArrayInputStream(data), new ByteArrayInputStream(signature));
    }

    private SignatureRejectedException rejected(Reason reason, AcIdentifier name, byte[] data, byte[] signature) {
        SignatureRejectedException e = assertThrows(SignatureRejectedException.class,
                () -> verify(name, data, signature));
        assertEquals(RocketException.Kind.VERIFICATION_FAILED, e.kind());
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) assertTrue(e.getMessage().contains(part), () -> e.getMessage() + "\nlacks: " + part);
    }

    @Test
    void acceptsAGoodSignatureAndSaysWhoSigned() throws RocketException {
        TestKey carly = TestKeys.ed25519("Carly Container <carly@example.com>");
        store.add(EXAMPLE, carly.key(), ConfigLayer.LOCAL);

        Signer signer = verify(HELLO, IMAGE, carly.sign(IMAGE));

        assertEquals(carly.fingerprint(), signer.fingerprint());
        assertEquals(carly.fingerprint(), signer.signingKey());
        assertEquals(List.of("Carly Container <carly@example.com>"), signer.userIds());
        assertEquals(EXAMPLE, signer.trustedFor());
    }

    @Test
    void acceptsASignatureMadeWithASigningSubkey() throws RocketException {
        TestKey key = TestKeys.ed25519WithSigningSubkey("Sub <sub@example.com>");
        store.add(EXAMPLE, key.key(), ConfigLayer.LOCAL);

        Signer signer = verify(HELLO, IMAGE, key.sign(IMAGE));

        assertEquals(key.fingerprint(), signer.fingerprint());
        assertEquals(KeyFingerprint.of(key.signingKey().getPublicKey().getFingerprint()), signer.signingKey());
    }

    @Test
    void acceptsRsaKeys() throws RocketException {
        TestKey key = TestKeys.rsa2048("Rsa <rsa@example.com>");
        store.add(EXAMPLE, key.key(), ConfigLayer.LOCAL);

        assertEquals(key.fingerprint(), verify(HELLO, IMAGE, key.sign(IMAGE)).fingerprint());
    }

    @Test
    void rootKeysCoverAnyName() throws RocketException {
        TestKey root = TestKeys.ed25519("Root <root@example.org>");
        store.add(TrustScope.root(), root.key(), ConfigLayer.LOCAL);
        AcIdentifier anywhere = new AcIdentifier("quay.io/someone/app");

        assertEquals(TrustScope.root(), verify(anywhere, IMAGE, root.sign(IMAGE)).trustedFor());
    }

    @Test
    void streamsALargeImageThroughOnce() throws RocketException {
        TestKey key = TestKeys.ed25519("Big <big@example.com>");
        store.add(EXAMPLE, key.key(), ConfigLayer.LOCAL);
        long size = 64L * 1024 * 1024;
        byte[] signature = key.sign(new Pattern(size), Instant.now(), HashAlgorithmTags.SHA256);
        Pattern image = new Pattern(size);

        verifier.verify(HELLO, image, new ByteArrayInputStream(signature));

        assertEquals(size, image.served);
    }

    @Test
    void refusesTamperedData() {
        TestKey key = TestKeys.ed25519("Carly <carly@example.com>");
        trust(EXAMPLE, key);
        byte[] tampered = IMAGE.clone();
        tampered[3] ^= 1;

        SignatureRejectedException e = rejected(Reason.MISMATCH, HELLO, tampered, key.sign(IMAGE));

        assertMentions(e, "does not match its data", "altered", "example.com/hello");
    }

    @Test
    void refusesATamperedSignature() throws Exception {
        TestKey key = TestKeys.ed25519("Carly <carly@example.com>");
        trust(EXAMPLE, key);
        byte[] forged = withFlippedSignatureBit(key.sign(IMAGE));

        SignatureRejectedException e = rejected(Reason.MISMATCH, HELLO, IMAGE, forged);

        assertMentions(e, "does not match its data");
    }

    @Test
    void refusesASignatureByAnUntrustedKeyNamingItAndTheFix() {
        TestKey trusted = TestKeys.ed25519("Trusted <t@example.com>");
        TestKey stranger = TestKeys.ed25519("Stranger <s@evil.org>");
        trust(EXAMPLE, trusted);

        SignatureRejectedException e = rejected(Reason.UNTRUSTED_KEY, HELLO, IMAGE, stranger.sign(IMAGE));

        assertMentions(e, stranger.fingerprint().grouped(), "not a trusted key", "rkt trust --prefix=example.com/hello");
    }

    @Test
    void refusesAKeyTrustedOnlyForAnotherPrefix() {
        TestKey other = TestKeys.ed25519("Other <o@example.org>");
        trust(TrustScope.prefix(new AcIdentifier("example.org")), other);

        SignatureRejectedException e = rejected(Reason.KEY_TRUSTED_FOR_OTHER_PREFIX, HELLO, IMAGE, other.sign(IMAGE));

        assertMentions(e, "trusted only for prefix \"example.org\"", "not for example.com/hello",
                other.fingerprint().grouped(), "rkt trust --prefix=example.com/hello");
    }

    @Test
    void aPrefixDoesNotCoverALookAlikeName() {
        TestKey key = TestKeys.ed25519("Example <e@example.com>");
        trust(EXAMPLE, key);
        AcIdentifier lookAlike = new AcIdentifier("example.com.evil/hello");

        SignatureRejectedException e = rejected(Reason.KEY_TRUSTED_FOR_OTHER_PREFIX, lookAlike, IMAGE, key.sign(IMAGE));

        assertMentions(e, "trusted only for prefix \"example.com\"", "not for example.com.evil/hello");
    }

    @Test
    void refusesASignatureMadeAfterTheKeyExpired() {
        Instant created = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        TestKey expired = TestKeys.ed25519("Old <old@example.com>", created, Duration.ofDays(1));
        trust(EXAMPLE, expired);

        SignatureRejectedException e = rejected(Reason.EXPIRED, HELLO, IMAGE, expired.sign(IMAGE));

        assertMentions(e, "had expired on " + created.plus(Duration.ofDays(1)), expired.fingerprint().grouped());
    }

    @Test
    void acceptsASignatureMadeWhileTheKeyWasValidAfterItExpired() throws RocketException {
        Instant created = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        TestKey expired = TestKeys.ed25519("Old <old@example.com>", created, Duration.ofDays(10));
        trust(EXAMPLE, expired);
        byte[] signedThen = expired.sign(new ByteArrayInputStream(IMAGE), created.plus(Duration.ofDays(2)),
                HashAlgorithmTags.SHA256);

        assertEquals(expired.fingerprint(), verify(HELLO, IMAGE, signedThen).fingerprint());
    }

    @Test
    void refusesARevokedKey() throws Exception {
        TestKey key = TestKeys.ed25519("Revoked <r@example.com>");
        trust(EXAMPLE, key);
        byte[] signature = key.sign(IMAGE);
        // The owner's revocation reaches the store later, e.g. as an updated key file from the vendor.
        TestKey revoked = key.revoked("private key leaked");
        Files.write(store.directories().keyFile(ConfigLayer.LOCAL, EXAMPLE, key.fingerprint()),
                revoked.armoredPublic());

        SignatureRejectedException e = rejected(Reason.REVOKED, HELLO, IMAGE, signature);

        assertMentions(e, "revoked", "private key leaked", key.fingerprint().grouped());
    }

    @Test
    void refusesARevokedSigningSubkey() throws Exception {
        TestKey key = TestKeys.ed25519WithSigningSubkey("Sub <sub@example.com>");
        byte[] signature = key.sign(IMAGE);
        trust(EXAMPLE, key.subkeyRevoked());

        SignatureRejectedException e = rejected(Reason.REVOKED, HELLO, IMAGE, signature);

        assertMentions(e, "signing subkey", "revoked");
    }

    @Test
    void refusesSha1Signatures() {
        TestKey key = TestKeys.rsa2048("Legacy <l@example.com>");
        trust(EXAMPLE, key);
        byte[] signature = key.sign(new ByteArrayInputStream(IMAGE), Instant.now(), HashAlgorithmTags.SHA1);

        SignatureRejectedException e = rejected(Reason.WEAK_ALGORITHM, HELLO, IMAGE, signature);

        assertMentions(e, "SHA-1");
    }

    @Test
    void refusesMalformedSignatures() {
        TestKey key = TestKeys.ed25519("K <k@example.com>");
        trust(EXAMPLE, key);

        assertMentions(rejected(Reason.MALFORMED, HELLO, IMAGE, new byte[0]), "signature is empty");
        assertMentions(rejected(Reason.MALFORMED, HELLO, IMAGE, "<html>404</html>".getBytes(StandardCharsets.UTF_8)),
                "not an OpenPGP signature", "gpg --armor --detach-sign");
        assertMentions(rejected(Reason.MALFORMED, HELLO, IMAGE, key.armoredPublic()), "instead of a signature");
        byte[] truncated = key.sign(IMAGE);
        assertMentions(rejected(Reason.MALFORMED, HELLO, IMAGE,
                Arrays.copyOf(truncated, truncated.length / 2)), "gpg --armor --detach-sign");
    }

    @Test
    void refusesASignatureWithADamagedArmorChecksum() {
        TestKey key = TestKeys.ed25519("K <k@example.com>");
        trust(EXAMPLE, key);
        String armored = new String(key.sign(IMAGE), StandardCharsets.US_ASCII);
        int crc = armored.lastIndexOf("\n=") + 2;
        String damaged = armored.substring(0, crc) + (armored.charAt(crc) == 'A' ? 'B' : 'A') + armored.substring(crc + 1);

        rejected(Reason.MALFORMED, HELLO, IMAGE, damaged.getBytes(StandardCharsets.US_ASCII));
    }

    /** The same signature with one bit of its cryptographic value changed, re-armored with a valid checksum. */
    private static byte[] withFlippedSignatureBit(byte[] armored) throws IOException {
        BcPGPObjectFactory objects = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(armored)));
        PGPSignature signature = ((PGPSignatureList) objects.nextObject()).get(0);
        byte[] encoded = signature.getEncoded();
        encoded[encoded.length - 5] ^= 0x01;
        return TestKeys.armor(out -> out.write(encoded));
    }

    /** A large stream of generated bytes, counting what it served, never held in memory. */
    private static final class Pattern extends InputStream {
        private final long size;
        long served;

        Pattern(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return served < size ? (int) (served++ * 31 & 0xff) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) return -1;
            int n = (int) Math.min(len, size - served);
            for (int i = 0; i < n; i++) b[off + i] = (byte) ((served + i) * 31 & 0xff);
            served += n;
            return n;
        }
    }
}
