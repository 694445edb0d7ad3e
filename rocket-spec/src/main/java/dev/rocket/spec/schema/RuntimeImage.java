package dev.rocket.spec.schema;

import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Labels;

import java.util.Optional;

/**
 * The image a pod's app runs (pods.md "image"): its ID, and optionally its name and labels. A pod template may
 * leave the ID out, to be resolved from name and labels; a pod must have every ID before it runs
 * ({@link PodManifest#reificationProblems()}).
 */
public record RuntimeImage(Optional<AcIdentifier> name, Optional<ImageId> id, Labels labels) {

    public RuntimeImage {
        if (name == null || id == null || labels == null) throw new IllegalArgumentException("use empty values, not null");
    }

    public static RuntimeImage of(ImageId id) {
        return new RuntimeImage(Optional.empty(), Optional.of(id), Labels.NONE);
    }
}
