package dev.rocket.store.tree;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.render.DependencyOrder;
import dev.rocket.spec.render.RenderLayer;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.Dependency;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Label;
import dev.rocket.store.ImageReference;
import dev.rocket.store.ImageStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves an image's dependencies through the store, recursively, and orders the layers to render
 * (ace.md "Filesystem Setup"). A dependency with an {@code imageID} is looked up by that ID (or ID prefix);
 * one without by name and labels, taking the latest import that has every label.
 */
final class DependencyResolver {

    /** What rendering an image takes: its layers, lowest first, and its manifest as stored. */
    record Resolved(List<RenderLayer<ImageId>> layers, byte[] manifest) {

        List<ImageId> layerIds() {
            return layers.stream().map(RenderLayer::image).toList();
        }
    }

    private final ImageStore images;

    DependencyResolver(ImageStore images) {
        this.images = images;
    }

    Resolved resolve(ImageId top) throws RocketException {
        Map<ImageId, byte[]> manifestBytes = new HashMap<>();
        Map<ImageId, ImageManifest> manifests = new HashMap<>();
        Map<ImageId, List<ImageId>> dependencies = new HashMap<>();
        Deque<ImageId> pending = new ArrayDeque<>(List.of(top));
        while (!pending.isEmpty()) {
            ImageId id = pending.pop();
            if (manifests.containsKey(id)) continue;
            byte[] bytes = manifestBytes(id);
            ImageManifest manifest;
            try {
                manifest = AciReader.parseManifest(bytes);
            } catch (SpecException e) {
                throw RocketException.invalid("the manifest of image " + id + " is not valid", e);
            }
            manifestBytes.put(id, bytes);
            manifests.put(id, manifest);
            List<ImageId> resolved = new ArrayList<>();
            for (Dependency dependency : manifest.dependencies()) resolved.add(find(dependency, manifest));
            dependencies.put(id, resolved);
            pending.addAll(resolved);
        }
        try {
            List<RenderLayer<ImageId>> layers = new DependencyOrder<ImageId>(dependencies::get,
                    id -> manifests.get(id).pathWhitelist(), id -> manifests.get(id).name() + " (" + id + ")")
                    .layers(top);
            return new Resolved(layers, manifestBytes.get(top));
        } catch (SpecException e) {
            throw RocketException.invalid("cannot render image " + top, e);
        }
    }

    private ImageId find(Dependency dependency, ImageManifest dependent) throws RocketException {
        String reference = dependency.imageId().isPresent() ? dependency.imageId().get().value()
                : new ImageReference(dependency.imageName(), labels(dependency)).toString();
        try {
            return images.resolve(reference).id();
        } catch (RocketException e) {
            if (e.kind() != Kind.NOT_FOUND) throw e;
            String wanted = new ImageReference(dependency.imageName(), labels(dependency))
                    + dependency.imageId().map(id -> " (image ID " + id.value() + ")").orElse("");
            throw new RocketException(Kind.NOT_FOUND, "image " + dependent.name() + " depends on " + wanted
                    + ", which is not in the store; fetch it with `rkt fetch " + wanted.split(" ")[0] + "`", e);
        }
    }

    private static LinkedHashMap<AcIdentifier, String> labels(Dependency dependency) {
        LinkedHashMap<AcIdentifier, String> labels = new LinkedHashMap<>();
        for (Label label : dependency.labels().list()) labels.put(label.name(), label.value());
        return labels;
    }

    /** Reads the stored archive only as far as its manifest, which is normally the first entry. */
    private byte[] manifestBytes(ImageId id) throws RocketException {
        try (InputStream blob = images.openBlob(id)) {
            return AciReader.storedManifestBytesOf(blob);
        } catch (SpecException e) {
            throw RocketException.invalid("stored image " + id + " is not a valid image", e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read stored image " + id + ": " + e.getMessage(), e);
        }
    }
}
