package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.aci.AciWriter;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.ImageId;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an image's config and layers into one uncompressed ACI file: the manifest converted from the
 * config, then the squashed layers as {@code rootfs}. The result is read back once with the archive rules
 * (as every fetched ACI is) before anyone stores it.
 */
final class AciConverter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The converted image: its manifest, where the ACI was written, and its image ID. */
    record Converted(ImageManifest manifest, Path aci, ImageId id) {
    }

    private AciConverter() {
    }

    static Converted convert(ImageContent image, Path aci) throws RocketException {
        JsonNode config;
        try {
            config = JSON.readTree(image.config());
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the image config " + image.configDigest()
                    + " is not JSON: " + e.getMessage(), e);
        }
        if (config == null || !config.isObject()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the image config " + image.configDigest() + " is not a JSON object");
        }
        List<LayerFile> layers = withDiffIds(image.layers(), config);
        ImageManifest manifest = ConfigConverter.convert(image.naming(), config, image.configDigest());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(aci), 1 << 16);
             AciWriter writer = new AciWriter(out, AciCompression.NONE)) {
            byte[] json = manifest.toJson(true).getBytes(StandardCharsets.UTF_8);
            writer.add(new AciEntry(AciEntryName.MANIFEST, AciEntry.Type.FILE, 0644, 0, 0, Optional.empty(),
                    Optional.empty(), Instant.EPOCH, json.length, Optional.empty(), 0, 0, Map.of()),
                    new ByteArrayInputStream(json));
            new LayerSquasher().squash(layers, writer);
            writer.finish();
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot write the converted image to " + aci + ": " + e.getMessage(), e);
        }
        return new Converted(manifest, aci, check(aci));
    }

    /** Pairs each layer with its uncompressed digest from {@code rootfs.diff_ids}, so that it is checked too. */
    private static List<LayerFile> withDiffIds(List<LayerFile> layers, JsonNode config) throws RocketException {
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        if (!diffIds.isArray() || diffIds.size() != layers.size()) {
            if (diffIds.isArray() && !diffIds.isEmpty()) {
                throw new RocketException(Kind.VERIFICATION_FAILED, "the image config lists " + diffIds.size()
                        + " layers but the manifest " + layers.size() + "; nothing was stored");
            }
            return layers;
        }
        List<LayerFile> checked = new java.util.ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerFile layer = layers.get(i);
            checked.add(new LayerFile(layer.file(), layer.digest(),
                    Optional.of(Digest.parse(diffIds.get(i).asText(), "layer " + i + " of the image config"))));
        }
        return checked;
    }

    private static ImageId check(Path aci) throws RocketException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(aci), 1 << 16);
             AciReader reader = AciReader.open(in)) {
            while (reader.next() != null) {
                // every entry is checked against the archive rules
            }
            AciReader.parseManifest(reader.manifest());
            return reader.imageId();
        } catch (SpecException e) {
            throw RocketException.invalid("the converted image breaks the archive rules", e);
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + aci + ": " + e.getMessage(), e);
        }
    }
}
