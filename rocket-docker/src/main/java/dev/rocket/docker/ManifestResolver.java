package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From a top manifest to an image's content: an OCI index or Docker manifest list is narrowed to the
 * entry for the wanted platform, then the image manifest (Docker schema 2 or OCI) gives the config and the
 * layers, which are copied to a working directory. Every manifest and blob is checked against its digest.
 */
final class ManifestResolver {

    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlobSource source;
    private final Platform platform;
    private final Path workDirectory;
    private final java.util.function.Consumer<String> progress;

    ManifestResolver(BlobSource source, Platform platform, Path workDirectory, java.util.function.Consumer<String> progress) {
        this.progress = progress;
        this.source = source;
        this.platform = platform;
        this.workDirectory = workDirectory;
    }

    /** Resolves {@code manifest} (the bytes named by the user's reference) into config and layers. */
    ImageContent resolve(byte[] manifest, String mediaType, ImageNaming naming) throws RocketException {
        JsonNode node = parse(manifest, "the manifest of " + naming.repository());
        String type = mediaType(node, mediaType);
        if (type.equals(DOCKER_LIST) || type.equals(OCI_INDEX) || node.has("manifests")) {
            Digest chosen = choose(node.path("manifests"), naming);
            node = parse(source.manifest(chosen), "manifest " + chosen);
        }
        return image(node, naming);
    }

    /** The entry of an index for this platform (the only entry when none names a platform). */
    Digest choose(JsonNode manifests, ImageNaming naming) throws RocketException {
        List<String> offered = new ArrayList<>();
        JsonNode without = null;
        for (JsonNode entry : manifests) {
            JsonNode p = entry.path("platform");
            if (p.isMissingNode()) {
                without = without == null ? entry : without;
                continue;
            }
            String os = p.path("os").asText();
            String arch = p.path("architecture").asText();
            if (os.equals(platform.os()) && arch.equals(platform.architecture())) {
                return Digest.parse(entry.path("digest").asText(), "the " + platform + " entry of the index");
            }
            offered.add(os + "/" + arch);
        }
        if (without != null && offered.isEmpty() && manifests.size() == 1) {
            return Digest.parse(without.path("digest").asText(), "the entry of the index");
        }
        throw new RocketException(Kind.NOT_FOUND, naming.repository() + " has no image for " + platform
                + (offered.isEmpty() ? "" : " (it has " + String.join(", ", offered) + ")"));
    }

    private ImageContent image(JsonNode manifest, ImageNaming naming) throws RocketException {
        if (manifest.path("schemaVersion").asInt() != 2) {
            throw new RocketException(Kind.INVALID_ARGUMENT, naming.repository() + " has a schema "
                    + manifest.path("schemaVersion").asText("?") + " manifest; only Docker schema 2 and OCI manifests are supported");
        }
        JsonNode config = manifest.path("config");
        if (!config.isObject()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the manifest of " + naming.repository() + " names no config");
        }
        Digest configDigest = Digest.parse(config.path("digest").asText(), "the config of " + naming.repository());
        byte[] configBytes = source.blob(configDigest, "the image config");
        List<LayerFile> layers = new ArrayList<>();
        int index = 0;
        for (JsonNode layer : manifest.path("layers")) {
            String type = layer.path("mediaType").asText("");
            if (type.contains("foreign") || type.contains("nondistributable")) {
                throw new RocketException(Kind.INVALID_ARGUMENT, naming.repository() + " has a foreign layer (" + type
                        + "), which only its vendor may distribute; Rocket does not fetch it");
            }
            Digest digest = Digest.parse(layer.path("digest").asText(), "layer " + index + " of " + naming.repository());
            Path file = workDirectory.resolve("layer-" + index);
            long size = layer.path("size").asLong(-1);
            if (size < 0) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "layer " + digest + " of " + naming.repository() + " has no size");
            }
            progress.accept("downloading layer " + digest);
            source.copyBlob(digest, size, file, "layer " + digest);
            layers.add(new LayerFile(file, digest, Optional.empty()));
            index++;
        }
        return new ImageContent(naming, configBytes, configDigest, layers);
    }

    private static String mediaType(JsonNode node, String given) {
        String inside = node.path("mediaType").asText("");
        return inside.isEmpty() ? (given == null ? "" : given) : inside;
    }

    static JsonNode parse(byte[] bytes, String what) throws RocketException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) throw new IOException("not a JSON object");
            return node;
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
