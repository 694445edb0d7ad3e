package dev.rocket.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcKind;
import dev.rocket.spec.types.AcVersion;

/**
 * An appc manifest of either defined kind. {@link #parse} reads a document whose kind is not known in advance,
 * as {@code actool validate} does.
 */
public sealed interface Manifest permits ImageManifest, PodManifest {

    AcKind acKind();

    AcVersion acVersion();

    /** The canonical JSON: fixed field order, absent optional fields left out. */
    String toJson(boolean pretty);

    /** Parses an image or pod manifest, as its {@code acKind} says, reporting every violation found. */
    static Manifest parse(String json) throws SpecException {
        JsonNode root = ManifestJson.read(json);
        AcKind kind = ManifestJson.kindOf(root);
        ManifestReader reader = new ManifestReader();
        return kind.equals(AcKind.IMAGE_MANIFEST) ? reader.imageManifest(root) : reader.podManifest(root);
    }

    /** The {@code acKind} of a JSON document, one of the two defined kinds; nothing else is checked. */
    static AcKind kindOf(String json) throws SpecException {
        return ManifestJson.kindOf(ManifestJson.read(json));
    }
}
