package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code docker save} unpacked: {@code manifest.json} lists each image's config, repository
 * tags and layer files. The config is hashed, and checked when its file is named by its digest; the layers
 * are checked against the config's {@code diff_ids} as they are applied (and against their own name when it
 * is a digest, as in the OCI-style archives of newer Docker).
 */
final class DockerArchiveSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGEST_NAME = Pattern.compile("(?:.*/)?(?:blobs/)?(sha256)[/:]?([0-9a-f]{64})(?:\\.json)?|([0-9a-f]{64})(?:\\.json|/layer\\.tar)");
    private static final int MAX_JSON_BYTES = 4 * 1024 * 1024;

    private DockerArchiveSource() {
    }

    static ImageContent read(Path unpacked, Map<String, String> links, Optional<String> wanted, String description)
            throws RocketException {
        JsonNode manifest;
        try {
            manifest = JSON.readTree(bytes(unpacked, "manifest.json", links, description));
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "manifest.json in " + description + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        JsonNode image = select(manifest, wanted, description);
        String configName = image.path("Config").asText("");
        byte[] config = bytes(unpacked, configName, links, description);
        Digest configDigest = Digest.sha256(config);
        Optional<Digest> named = digestInName(configName);
        if (named.isPresent()) named.get().verify(config, "the image config " + configName + " in " + description);
        List<LayerFile> layers = new ArrayList<>();
        for (JsonNode layer : image.path("Layers")) {
            String name = ArchiveUnpacker.resolve(LayerPath.normalise(layer.asText(), description), links);
            Path file = file(unpacked, name, description);
            Digest digest = hash(file);
            Optional<Digest> expected = digestInName(name);
            if (expected.isPresent() && !expected.get().equals(digest)) throw expected.get().mismatch("layer " + name + " in " + description);
            layers.add(new LayerFile(file, digest, Optional.empty()));
        }
        return new ImageContent(naming(image, wanted, description), config, configDigest, layers);
    }

    private static JsonNode select(JsonNode manifest, Optional<String> wanted, String description) throws RocketException {
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, description + " has no image in its manifest.json");
        }
        if (wanted.isEmpty()) {
            if (manifest.size() > 1) {
                throw new RocketException(Kind.INVALID_ARGUMENT, description + " holds " + manifest.size()
                        + " images; name one as docker-archive:FILE:REPO:TAG");
            }
            return manifest.get(0);
        }
        for (JsonNode image : manifest) {
            for (JsonNode tag : image.path("RepoTags")) {
                if (tag.asText().equals(wanted.get())) return image;
            }
        }
        throw new RocketException(Kind.NOT_FOUND, description + " has no image tagged " + wanted.get());
    }

    private static ImageNaming naming(JsonNode image, Optional<String> wanted, String description) throws RocketException {
        String tagged = wanted.orElseGet(() -> image.path("RepoTags").path(0).asText(""));
        if (tagged.isEmpty()) {
            return new ImageNaming("", Path.of(description).getFileName().toString(), Optional.empty(), Optional.empty());
        }
        return DockerReference.parse(tagged).naming();
    }

    private static byte[] bytes(Path unpacked, String name, Map<String, String> links, String description) throws RocketException {
        Path file = file(unpacked, ArchiveUnpacker.resolve(LayerPath.normalise(name, description), links), description);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) throw new RocketException(Kind.INVALID_ARGUMENT, name + " in " + description + " is too large");
            return bytes;
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot read " + name + " in " + description + ": " + e.getMessage(), e);
        }
    }

    private static Path file(Path unpacked, String name, String description) throws RocketException {
        Path file = unpacked;
        for (String part : name.split("/")) file = file.resolve(part);
        if (name.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, description + " lacks \"" + name + "\"; is it the output of docker save?");
        }
        return file;
    }

    private static Optional<Digest> digestInName(String name) {
        Matcher m = DIGEST_NAME.matcher(name);
        if (!m.matches()) return Optional.empty();
        if (m.group(3) != null) return name.endsWith(".json") ? Optional.of(new Digest("sha256", m.group(3))) : Optional.empty();
        return Optional.of(new Digest("sha256", m.group(2)));
    }

    private static Digest hash(Path file) throws RocketException {
        MessageDigest sha256 = new Digest("sha256", "0".repeat(64)).newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Digest("sha256", HexFormat.of().formatHex(sha256.digest()));
    }
}
