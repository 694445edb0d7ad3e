package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.Signer;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Checks a registry image against its simple-signing signatures: one must be made by a key that
 * {@code rkt trust} trusts for the image's name, claim the type {@code atomic container signature}, name
 * exactly the manifest fetched and the reference asked for. Keys are looked up as for ACIs, under the
 * image's AC name ({@code rkt trust --prefix=127.0.0.1_5000/team}).
 */
final class SimpleSigningVerifier {

    private static final String TYPE = "atomic container signature";

    private final SignatureVerifier verifier;

    SimpleSigningVerifier(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    Signer verify(DockerReference reference, Digest manifest, List<byte[]> signatures) throws RocketException {
        AcIdentifier name;
        try {
            name = AcIdentifier.parse(reference.naming().acIdentifier());
        } catch (SpecException e) {
            throw RocketException.invalid("cannot name " + reference, e);
        }
        if (signatures.isEmpty()) {
            throw new RocketException(Kind.VERIFICATION_FAILED, reference + " has no signature in the signature store;"
                    + " fetch it with --insecure-options=image if you trust its source");
        }
        RocketException last = null;
        for (int i = 0; i < signatures.size(); i++) {
            String what = "signature " + (i + 1) + " of " + reference;
            try {
                SimpleSignature signature = SimpleSignature.parse(signatures.get(i), what);
                Signer signer = verifier.verify(name, new ByteArrayInputStream(signature.claim()),
                        new ByteArrayInputStream(signature.signature()));
                checkClaim(ManifestResolver.parse(signature.claim(), what), reference, manifest, what);
                return signer;
            } catch (RocketException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void checkClaim(JsonNode claim, DockerReference reference, Digest manifest, String what)
            throws RocketException {
        JsonNode critical = claim.path("critical");
        if (!TYPE.equals(critical.path("type").asText())) {
            throw new RocketException(Kind.VERIFICATION_FAILED, what + " is not a container signature");
        }
        String signedDigest = critical.path("image").path("docker-manifest-digest").asText();
        if (!manifest.toString().equals(signedDigest)) {
            throw new RocketException(Kind.VERIFICATION_FAILED, what + " signs manifest " + signedDigest + ", not the "
                    + manifest + " the registry served: the image was changed after signing; do not run it");
        }
        String signedReference = critical.path("identity").path("docker-reference").asText();
        // containers/image names Docker Hub docker.io
        String registry = reference.registry().equals(DockerReference.DOCKER_HUB) ? "docker.io" : reference.registry();
        String repository = registry + "/" + reference.repository();
        String wanted = repository + reference.tag().map(t -> ":" + t).orElse("");
        boolean byDigest = reference.digest().isPresent() && reference.tag().isEmpty();
        String signedRepository = signedReference.replaceFirst("[:@][^/]*$", "");
        if (byDigest ? !signedRepository.equals(repository) : !signedReference.equals(wanted)) {
            throw new RocketException(Kind.VERIFICATION_FAILED, what + " is for " + signedReference + ", not " + wanted);
        }
    }
}
