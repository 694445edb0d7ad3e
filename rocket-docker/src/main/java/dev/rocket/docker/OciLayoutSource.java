package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/ALG/HEX}) as a blob
 * source. The image is the entry of {@code index.json} whose {@code org.opencontainers.image.ref.name} is the
 * reference given, or the only entry (or the host platform's) when none is given.
 */
final class OciLayoutSource implements BlobSource {

    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_JSON_BYTES = 4 * 1024 * 1024;

    private final Path layout;

    OciLayoutSource(Path layout) {
        this.layout = layout;
    }

    /** The top manifest of the image named {@code reference} (or the only one), with its media type. */
    RegistryClient.Manifest top(Optional<String> reference, ManifestResolver resolver, ImageNaming naming) throws RocketException {
        if (!Files.isRegularFile(layout.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, layout + " is not an OCI image layout (it has no oci-layout file)");
        }
        JsonNode index;
        try (InputStream in = Files.newInputStream(layout.resolve("index.json"), LinkOption.NOFOLLOW_LINKS)) {
            index = ManifestResolver.parse(in.readNBytes(MAX_JSON_BYTES), layout + "/index.json");
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot read " + layout + "/index.json: " + e.getMessage(), e);
        }
        ArrayNode candidates = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : index.path("manifests")) {
            String name = entry.path("annotations").path(REF_NAME).asText("");
            if (reference.isEmpty() || reference.get().equals(name)) candidates.add(entry);
        }
        if (candidates.isEmpty()) {
            throw new RocketException(Kind.NOT_FOUND, reference.map(r -> layout + " has no image named \"" + r + "\"")
                    .orElse(layout + " holds no image"));
        }
        JsonNode entry = candidates.size() == 1 ? candidates.get(0) : null;
        Digest digest = entry != null
                ? Digest.parse(entry.path("digest").asText(), "the entry of " + layout + "/index.json")
                : resolver.choose(candidates, naming);
        String mediaType = entry != null ? entry.path("mediaType").asText("") : "";
        return new RegistryClient.Manifest(manifest(digest), mediaType);
    }

    @Override
    public byte[] manifest(Digest digest) throws RocketException {
        return blob(digest, "manifest " + digest);
    }

    @Override
    public byte[] blob(Digest digest, String what) throws RocketException {
        try (InputStream in = open(digest, what)) {
            return VerifiedCopy.read(in, digest, MAX_JSON_BYTES, what);
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + what + " in " + layout + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void copyBlob(Digest digest, long size, Path target, String what) throws RocketException {
        try (InputStream in = open(digest, what)) {
            VerifiedCopy.copy(in, digest, size, target, what);
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + what + " in " + layout + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(Digest digest, String what) throws RocketException, IOException {
        Path file = layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, layout + " lacks the blob " + digest + " (" + what + ")");
        }
    }
}
