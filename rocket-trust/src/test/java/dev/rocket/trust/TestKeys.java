package dev.rocket.trust;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;

/** OpenPGP keys and signatures made on the spot with Bouncy Castle, for tests. */
final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** A key and its secret half, able to sign data and to revoke itself. */
    record TestKey(PGPSecretKeyRing secret, PGPPublicKeyRing pub) {

        OpenPgpKey key() {
            try {
                return OpenPgpKey.readAll(new ByteArrayInputStream(armoredPublic()), "test key").getFirst();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        KeyFingerprint fingerprint() {
            return KeyFingerprint.of(pub.getPublicKey().getFingerprint());
        }

        byte[] armoredPublic() {
            return armor(out -> pub.encode(out, true));
        }

        byte[] armoredSecret() {
            return armor(secret::encode);
        }

        /** The newest subkey allowed to sign, or the primary key: what gpg signs with. */
        PGPSecretKey signingKey() {
            PGPSecretKey chosen = secret.getSecretKey();
            for (Iterator<PGPSecretKey> it = secret.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey k = it.next();
                if (!k.isMasterKey() && k.isSigningKey()) chosen = k;
            }
            return chosen;
        }

        byte[] sign(byte[] data) {
            return sign(new ByteArrayInputStream(data), Instant.now(), HashAlgorithmTags.SHA256);
        }

        /** An ascii-armored detached signature over {@code data}, made at {@code at}. */
        byte[] sign(InputStream data, Instant at, int hashAlgorithm) {
            PGPSecretKey signer = signingKey();
            try {
                PGPSignatureGenerator generator = new PGPSignatureGenerator(
                        new BcPGPContentSignerBuilder(signer.getPublicKey().getAlgorithm(), hashAlgorithm),
                        signer.getPublicKey());
                generator.init(PGPSignature.BINARY_DOCUMENT, signer.extractPrivateKey(null));
                PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
                hashed.setSignatureCreationTime(false, Date.from(at));
                hashed.setIssuerFingerprint(false, signer.getPublicKey());
                generator.setHashedSubpackets(hashed.generate());
                byte[] buffer = new byte[8192];
                for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) generator.update(buffer, 0, n);
                PGPSignature signature = generator.generate();
                return armor(signature::encode);
            } catch (PGPException | IOException e) {
                throw new AssertionError(e);
            }
        }

        /** This key with a revocation of its primary key made by itself. */
        TestKey revoked(String reason) {
            PGPPublicKey primary = pub.getPublicKey();
            PGPSignatureGenerator generator = selfSigner(PGPSignature.KEY_REVOCATION);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setRevocationReason(false, RevocationReasonTags.KEY_COMPROMISED, reason);
            generator.setHashedSubpackets(hashed.generate());
            try {
                PGPSignature revocation = generator.generateCertification(primary);
                return withPublicKey(PGPPublicKey.addCertification(primary, revocation));
            } catch (PGPException e) {
                throw new AssertionError(e);
            }
        }

        /** This key with its signing subkey revoked by the primary key. */
        TestKey subkeyRevoked() {
            PGPPublicKey subkey = signingKey().getPublicKey();
            PGPSignatureGenerator generator = selfSigner(PGPSignature.SUBKEY_REVOCATION);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            generator.setHashedSubpackets(hashed.generate());
            try {
                PGPSignature revocation = generator.generateCertification(pub.getPublicKey(), subkey);
                return withPublicKey(PGPPublicKey.addCertification(subkey, revocation));
            } catch (PGPException e) {
                throw new AssertionError(e);
            }
        }

        /** This key with one more self-certified user ID: a newer version of the same key. */
        TestKey withUserId(String userId) {
            PGPPublicKey primary = pub.getPublicKey();
            PGPSignatureGenerator generator = selfSigner(PGPSignature.POSITIVE_CERTIFICATION);
            try {
                PGPSignature certification = generator.generateCertification(userId, primary);
                return withPublicKey(PGPPublicKey.addCertification(primary, userId, certification));
            } catch (PGPException e) {
                throw new AssertionError(e);
            }
        }

        /** This key with a user ID nobody certified, as an attacker could append to a key file. */
        TestKey withForgedUserId(String userId) {
            PGPPublicKey primary = pub.getPublicKey();
            PGPSignature anyCertification = primary.getSignatures().next();
            return withPublicKey(PGPPublicKey.addCertification(primary, userId, anyCertification));
        }

        private PGPSignatureGenerator selfSigner(int type) {
            PGPSecretKey primary = secret.getSecretKey();
            try {
                PGPPrivateKey privateKey = primary.extractPrivateKey(null);
                PGPSignatureGenerator generator = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(
                        primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), primary.getPublicKey());
                generator.init(type, privateKey);
                return generator;
            } catch (PGPException e) {
                throw new AssertionError(e);
            }
        }

        private TestKey withPublicKey(PGPPublicKey key) {
            return new TestKey(PGPSecretKeyRing.insertOrReplacePublicKey(secret, key),
                    PGPPublicKeyRing.insertPublicKey(pub, key));
        }
    }

    /** An Ed25519 key created now that never expires, signing with its primary key. */
    static TestKey ed25519(String userId) {
        return generate(userId, Instant.now(), null, false, false);
    }

    /** An Ed25519 key whose primary key only certifies, with an Ed25519 subkey that signs, as gpg makes them. */
    static TestKey ed25519WithSigningSubkey(String userId) {
        return generate(userId, Instant.now(), null, true, false);
    }

    /** An Ed25519 key created at {@code created} that is valid for {@code validity}. */
    static TestKey ed25519(String userId, Instant created, Duration validity) {
        return generate(userId, created, validity, false, false);
    }

    static TestKey rsa2048(String userId) {
        return generate(userId, Instant.now(), null, false, true);
    }

    private static TestKey generate(String userId, Instant created, Duration validity, boolean signingSubkey,
                                    boolean rsa) {
        Date creation = Date.from(created);
        try {
            PGPKeyPair primary = rsa ? rsaPair(creation) : ed25519Pair(creation);
            PGPSignatureSubpacketGenerator primaryProperties = new PGPSignatureSubpacketGenerator();
            primaryProperties.setSignatureCreationTime(false, creation);
            primaryProperties.setKeyFlags(true, signingSubkey ? KeyFlags.CERTIFY_OTHER
                    : KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            if (validity != null) primaryProperties.setKeyExpirationTime(false, validity.toSeconds());
            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                    userId, new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
                    primaryProperties.generate(), null,
                    new BcPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    null);
            if (signingSubkey) {
                PGPSignatureSubpacketGenerator subkeyProperties = new PGPSignatureSubpacketGenerator();
                subkeyProperties.setSignatureCreationTime(false, creation);
                subkeyProperties.setKeyFlags(true, KeyFlags.SIGN_DATA);
                generator.addSubKey(ed25519Pair(creation), subkeyProperties.generate(), null);
            }
            return new TestKey(generator.generateSecretKeyRing(), generator.generatePublicKeyRing());
        } catch (PGPException e) {
            throw new AssertionError(e);
        }
    }

    private static PGPKeyPair ed25519Pair(Date creation) throws PGPException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, pair, creation);
    }

    private static PGPKeyPair rsaPair(Date creation) throws PGPException {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, 2048, 80));
        return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(), creation);
    }

    /** Several keys in one armored block, as {@code gpg --armor --export A B} writes them. */
    static byte[] armoredTogether(List<TestKey> keys) {
        return armor(out -> {
            for (TestKey k : keys) k.pub().encode(out, true);
        });
    }

    interface Encoder {
        void encode(java.io.OutputStream out) throws IOException;
    }

    static byte[] armor(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().build(bytes)) {
            encoder.encode(armored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
