package dev.rocket.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes OCI image layouts for tests: images of given layers and config, indexes of several platforms. */
final class OciLayoutBuilder {

    /** A content descriptor as JSON, with the digest for tests to refer to. */
    record Descriptor(String mediaType, Digest digest, long size, String platformJson) {
        String json(String refName) {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
                    + (platformJson == null ? "" : ",\"platform\":" + platformJson)
                    + (refName == null ? "" : ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + refName + "\"}") + "}";
        }

        Descriptor on(String os, String arch) {
            return new Descriptor(mediaType, digest, size, "{\"os\":\"" + os + "\",\"architecture\":\"" + arch + "\"}");
        }
    }

    private final Path dir;
    private final List<String> refs = new ArrayList<>();

    OciLayoutBuilder(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    Path dir() {
        return dir;
    }

    Descriptor blob(byte[] bytes, String mediaType) throws IOException {
        Digest digest = Digest.sha256(bytes);
        Files.write(dir.resolve("blobs/sha256").resolve(digest.hex()), bytes);
        return new Descriptor(mediaType, digest, bytes.length, null);
    }

    /** An image of {@code layers} (lowest first) with {@code config} as the config's "config" object. */
    Descriptor image(String arch, String config, List<TestLayer> layers, TestLayer.Compression compression) throws IOException {
        List<String> diffIds = new ArrayList<>();
        List<String> layerJson = new ArrayList<>();
        for (TestLayer layer : layers) {
            diffIds.add("\"" + Digest.sha256(layer.tar()) + "\"");
            String type = switch (compression) {
                case NONE -> "application/vnd.oci.image.layer.v1.tar";
                case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
                case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
            };
            layerJson.add(blob(layer.blob(compression), type).json(null));
        }
        String configJson = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":" + config
                + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}";
        Descriptor configBlob = blob(configJson.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.config.v1+json");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + ManifestResolver.OCI_MANIFEST + "\",\"config\":"
                + configBlob.json(null) + ",\"layers\":[" + String.join(",", layerJson) + "]}";
        return blob(manifest.getBytes(StandardCharsets.UTF_8), ManifestResolver.OCI_MANIFEST).on("linux", arch);
    }

    Descriptor index(Descriptor... manifests) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Descriptor manifest : manifests) entries.add(manifest.json(null));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + ManifestResolver.OCI_INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}";
        return blob(index.getBytes(StandardCharsets.UTF_8), ManifestResolver.OCI_INDEX);
    }

    /** Names {@code descriptor} {@code refName} in index.json and rewrites it. */
    OciLayoutBuilder tag(Descriptor descriptor, String refName) throws IOException {
        refs.add(new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), null).json(refName));
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", refs) + "]}");
        return this;
    }
}
