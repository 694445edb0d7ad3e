package dev.rocket.cli;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;

/**
 * A throw-away Ed25519 OpenPGP key (as {@code gpg --quick-gen-key NAME ed25519 sign} makes) for the AOT cache's
 * training: {@link AotTraining} trusts it and fetches an image it signed, so that verifying a signature (Bouncy
 * Castle's OpenPGP and Ed25519 classes) is in the cache. Its secret half lives only in this object.
 */
final class TrainingKey {

    private final PGPSecretKeyRing secret;
    private final byte[] armoredPublic;

    private TrainingKey(PGPSecretKeyRing secret, byte[] armoredPublic) {
        this.secret = secret;
        this.armoredPublic = armoredPublic;
    }

    /** A new key with user ID {@code userId}, signing with its primary key. */
    static TrainingKey generate(String userId) throws PGPException, IOException {
        Date now = new Date();
        Ed25519KeyPairGenerator pairs = new Ed25519KeyPairGenerator();
        pairs.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        PGPKeyPair primary = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                pairs.generateKeyPair(), now);
        PGPSignatureSubpacketGenerator properties = new PGPSignatureSubpacketGenerator();
        properties.setSignatureCreationTime(false, now);
        properties.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), properties.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), null);
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = ArmoredOutputStream.builder().build(armored)) {
            rings.generatePublicKeyRing().encode(out, true);
        }
        return new TrainingKey(rings.generateSecretKeyRing(), armored.toByteArray());
    }

    /** Writes the ascii-armored public key to {@code file}. */
    void writePublic(Path file) throws IOException {
        Files.write(file, armoredPublic);
    }

    /** Writes an ascii-armored detached signature of {@code file} to {@code signature}. */
    void sign(Path file, Path signature) throws PGPException, IOException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), secret.getPublicKey());
        generator.init(PGPSignature.BINARY_DOCUMENT, secret.getSecretKey().extractPrivateKey(null));
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date());
        hashed.setIssuerFingerprint(false, secret.getPublicKey());
        generator.setHashedSubpackets(hashed.generate());
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) generator.update(buffer, 0, n);
        }
        try (OutputStream out = ArmoredOutputStream.builder().build(Files.newOutputStream(signature))) {
            generator.generate().encode(out);
        }
    }
}
