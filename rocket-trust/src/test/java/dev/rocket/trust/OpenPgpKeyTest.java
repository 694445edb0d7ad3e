package dev.rocket.trust;

import dev.rocket.base.RocketException;
import dev.rocket.trust.TestKeys.TestKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenPgpKeyTest {

    private static List<OpenPgpKey> read(byte[] bytes) throws RocketException {
        return OpenPgpKey.readAll(new ByteArrayInputStream(bytes), "pubkeys.gpg");
    }

    private static RocketException refused(byte[] bytes) {
        RocketException e = assertThrows(RocketException.class, () -> read(bytes));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, e.kind());
        return e;
    }

    @Test
    void describesAKeyForRktTrust() throws RocketException {
        TestKey generated = TestKeys.ed25519("Carly Container <carly@example.com>");

        OpenPgpKey key = read(generated.armoredPublic()).getFirst();

        assertEquals(generated.fingerprint(), key.fingerprint());
        assertEquals(List.of("Carly Container <carly@example.com>"), key.userIds());
        assertTrue(key.subkeys().isEmpty());
        assertTrue(key.expires().isEmpty());
        assertFalse(key.revoked());
        assertTrue(key.toString().startsWith(generated.fingerprint().grouped()), key.toString());
    }

    @Test
    void listsASigningSubkey() throws RocketException {
        TestKey generated = TestKeys.ed25519WithSigningSubkey("Signer <s@example.com>");

        List<Subkey> subkeys = read(generated.armoredPublic()).getFirst().subkeys();

        assertEquals(1, subkeys.size());
        assertEquals(KeyFingerprint.of(generated.signingKey().getPublicKey().getFingerprint()),
                subkeys.getFirst().fingerprint());
        assertTrue(subkeys.getFirst().signing());
        assertFalse(subkeys.getFirst().revoked());
    }

    @Test
    void reportsExpiryAndRevocation() throws RocketException {
        Instant created = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        TestKey expiring = TestKeys.ed25519("Old <old@example.com>", created, Duration.ofDays(1));

        assertEquals(created.plus(Duration.ofDays(1)), read(expiring.armoredPublic()).getFirst().expires().orElseThrow());
        assertTrue(read(expiring.revoked("lost").armoredPublic()).getFirst().revoked());
    }

    @Test
    void leavesOutUserIdsTheKeyDidNotCertify() throws RocketException {
        TestKey forged = TestKeys.ed25519("Real <real@example.com>").withForgedUserId("Forged <ceo@example.com>");

        assertEquals(List.of("Real <real@example.com>"), read(forged.armoredPublic()).getFirst().userIds());
    }

    @Test
    void readsSeveralKeysInOneArmoredBlock() throws RocketException {
        TestKey a = TestKeys.ed25519("A <a@example.com>");
        TestKey b = TestKeys.ed25519("B <b@example.com>");

        List<OpenPgpKey> keys = read(TestKeys.armoredTogether(List.of(a, b)));

        assertEquals(List.of(a.fingerprint(), b.fingerprint()), keys.stream().map(OpenPgpKey::fingerprint).toList());
    }

    @Test
    void readsSeveralArmoredBlocksInOneFile() throws RocketException {
        TestKey a = TestKeys.ed25519("A <a@example.com>");
        TestKey b = TestKeys.ed25519("B <b@example.com>");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(a.armoredPublic());
        file.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(b.armoredPublic());

        List<OpenPgpKey> keys = read(file.toByteArray());

        assertEquals(List.of(a.fingerprint(), b.fingerprint()), keys.stream().map(OpenPgpKey::fingerprint).toList());
    }

    @Test
    void readsBinaryExports() throws Exception {
        TestKey generated = TestKeys.ed25519("Bin <bin@example.com>");

        assertEquals(generated.fingerprint(), read(generated.pub().getEncoded(true)).getFirst().fingerprint());
    }

    @Test
    void armoredFormReadsBackAsTheSameKey() throws RocketException {
        OpenPgpKey key = TestKeys.ed25519WithSigningSubkey("Round <trip@example.com>").key();

        OpenPgpKey again = read(key.armored()).getFirst();

        assertEquals(key.fingerprint(), again.fingerprint());
        assertEquals(key.userIds(), again.userIds());
        assertEquals(key.subkeys(), again.subkeys());
        assertTrue(new String(key.armored(), StandardCharsets.US_ASCII).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
    }

    @Test
    void refusesPrivateKeys() {
        RocketException e = refused(TestKeys.ed25519("Secret <s@example.com>").armoredSecret());

        assertTrue(e.getMessage().contains("contains a private key"), e.getMessage());
        assertTrue(e.getMessage().contains("gpg --armor --export"), e.getMessage());
    }

    @Test
    void refusesEmptyInput() {
        RocketException e = refused(" \n".getBytes(StandardCharsets.US_ASCII));

        assertTrue(e.getMessage().contains("pubkeys.gpg is empty"), e.getMessage());
    }

    @Test
    void refusesGarbage() {
        RocketException e = refused("<html>Not found</html>\n".getBytes(StandardCharsets.US_ASCII));

        assertTrue(e.getMessage().contains("pubkeys.gpg"), e.getMessage());
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
    }

    @Test
    void refusesASignatureGivenAsKey() {
        byte[] signature = TestKeys.ed25519("S <s@example.com>").sign(new byte[]{1, 2, 3});

        RocketException e = refused(signature);

        assertTrue(e.getMessage().contains("not an OpenPGP public key"), e.getMessage());
    }

    @Test
    void refusesArmorWithADamagedChecksum() {
        String armored = new String(TestKeys.ed25519("C <c@example.com>").armoredPublic(), StandardCharsets.US_ASCII);
        int crcLine = armored.lastIndexOf("\n=") + 2;
        char flipped = armored.charAt(crcLine) == 'A' ? 'B' : 'A';
        String damaged = armored.substring(0, crcLine) + flipped + armored.substring(crcLine + 1);

        refused(damaged.getBytes(StandardCharsets.US_ASCII));
    }
}
