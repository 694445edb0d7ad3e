package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A "simple signing" signature of containers/image (what {@code skopeo --sign-by} writes): an OpenPGP
 * signed message whose literal data is a JSON claim naming a manifest digest and an image reference. It is
 * split into the claim's bytes and the signature over them, so that the signature can be checked like a
 * detached one, with every rule of the trust store.
 *
 * @param claim     the signed JSON
 * @param signature the signature packets (binary OpenPGP), detached from the message
 */
record SimpleSignature(byte[] claim, byte[] signature) {

    private static final int MAX_CLAIM_BYTES = 64 * 1024;

    static SimpleSignature parse(byte[] message, String what) throws RocketException {
        try {
            byte[] claim = null;
            ByteArrayOutputStream signatures = new ByteArrayOutputStream();
            BcPGPObjectFactory objects = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(message)));
            for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
                switch (object) {
                    case PGPCompressedData compressed -> objects = new BcPGPObjectFactory(compressed.getDataStream());
                    case PGPOnePassSignatureList ignored -> { }
                    case PGPMarker ignored -> { }
                    case PGPLiteralData literal -> {
                        try (InputStream in = literal.getDataStream()) {
                            claim = in.readNBytes(MAX_CLAIM_BYTES + 1);
                        }
                        if (claim.length > MAX_CLAIM_BYTES) throw malformed(what, "its claim is too large");
                    }
                    case PGPSignatureList list -> list.forEach(s -> {
                        try {
                            signatures.write(s.getEncoded());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    default -> throw malformed(what, "it holds an unexpected " + object.getClass().getSimpleName());
                }
            }
            if (claim == null || signatures.size() == 0) throw malformed(what, "it is not a signed message");
            return new SimpleSignature(claim, signatures.toByteArray());
        } catch (IOException | PGPException | RuntimeException e) {
            throw malformed(what, e.getMessage());
        }
    }

    private static RocketException malformed(String what, String why) {
        return new RocketException(Kind.VERIFICATION_FAILED, what + " is not a valid simple-signing signature: " + why);
    }
}
