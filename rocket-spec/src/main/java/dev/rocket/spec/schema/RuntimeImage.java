package dev.rocket.spec.schema;

import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Labels;

import java.util.Optional;

/** The image a pod's app runs (pods.md "image"): its ID, required, and optionally its name and labels. */
public record RuntimeImage(Optional<AcIdentifier> name, ImageId id, Labels labels) {

    public RuntimeImage {
        if (name == null || id == null || labels == null) throw new IllegalArgumentException("use empty values, not null");
    }

    public static RuntimeImage of(ImageId id) {
        return new RuntimeImage(Optional.empty(), id, Labels.NONE);
    }
}
