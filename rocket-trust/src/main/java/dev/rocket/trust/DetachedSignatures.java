package dev.rocket.trust;

import dev.rocket.trust.SignatureRejectedException.Reason;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a detached OpenPGP signature file ({@code .aci.asc}): the document signatures it holds. */
final class DetachedSignatures {

    /** A signature is a few hundred bytes; a file this large is not one. */
    static final int MAX_SIGNATURE_BYTES = 1024 * 1024;

    private static final String HOW_TO_SIGN = "; sign images with gpg --armor --detach-sign";

    private DetachedSignatures() {
    }

    /** The signatures over binary or text documents in {@code in}, ascii-armored or binary; never empty. */
    static List<PGPSignature> read(InputStream in) throws SignatureRejectedException {
        byte[] bytes;
        try {
            bytes = BoundedInput.readAtMost(in, MAX_SIGNATURE_BYTES).orElseThrow(() -> malformed(
                    "the signature is larger than " + MAX_SIGNATURE_BYTES + " bytes, too large to be a detached"
                            + " signature" + HOW_TO_SIGN));
        } catch (IOException e) {
            throw new SignatureRejectedException(Reason.MALFORMED, "cannot read the signature: " + e.getMessage(), e);
        }
        if (BoundedInput.isBlank(bytes)) throw malformed("the signature is empty" + HOW_TO_SIGN);
        if (!looksLikeOpenPgp(bytes)) {
            throw malformed("the signature is not an OpenPGP signature: it is neither ascii-armored"
                    + " (-----BEGIN PGP SIGNATURE-----) nor binary OpenPGP data" + HOW_TO_SIGN);
        }
        List<PGPSignature> found = new ArrayList<>();
        try {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(
                    PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes)));
            for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
                switch (object) {
                    case PGPSignatureList list -> list.forEach(found::add);
                    case PGPMarker marker -> {
                        // Marker packets carry nothing and must be ignored (RFC 4880, 5.8).
                    }
                    case PGPCompressedData c -> throw signedMessage();
                    case PGPOnePassSignatureList ops -> throw signedMessage();
                    case PGPLiteralData literal -> throw signedMessage();
                    default -> throw malformed("the signature file holds "
                            + object.getClass().getSimpleName().replaceFirst("^PGP", "")
                            + " data instead of a signature" + HOW_TO_SIGN);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SignatureRejectedException(Reason.MALFORMED, "the signature is not a readable OpenPGP"
                    + " signature (" + e.getMessage() + ")" + HOW_TO_SIGN, e);
        }
        if (found.isEmpty()) throw malformed("the signature file holds no complete signature (is it cut short?)" + HOW_TO_SIGN);
        List<PGPSignature> documents = found.stream().filter(DetachedSignatures::isOverDocument).toList();
        if (documents.isEmpty()) {
            throw malformed("the signature is a key certification or revocation, not a signature over a file"
                    + HOW_TO_SIGN);
        }
        return documents;
    }

    /** Binary OpenPGP packets start with a tag byte whose high bit is set; armor starts with its header line. */
    private static boolean looksLikeOpenPgp(byte[] bytes) {
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) first++;
        if ((bytes[first] & 0x80) != 0) return true;
        String start = new String(bytes, first, Math.min(bytes.length - first, 64), StandardCharsets.US_ASCII);
        return start.startsWith("-----BEGIN PGP ");
    }

    private static boolean isOverDocument(PGPSignature sig) {
        return sig.getSignatureType() == PGPSignature.BINARY_DOCUMENT
                || sig.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT;
    }

    private static SignatureRejectedException signedMessage() {
        return malformed("the signature file is a signed message, not a detached signature" + HOW_TO_SIGN);
    }

    private static SignatureRejectedException malformed(String message) {
        return new SignatureRejectedException(Reason.MALFORMED, message);
    }
}
