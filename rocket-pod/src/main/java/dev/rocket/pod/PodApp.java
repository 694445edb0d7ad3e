package dev.rocket.pod;

import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;

import java.util.Optional;

/** An app of a pod as {@code rkt list} shows it: its name and the name and ID of its image. */
public record PodApp(AcName name, Optional<AcIdentifier> imageName, Optional<ImageId> imageId) {

    public PodApp {
        if (name == null || imageName == null || imageId == null) {
            throw new IllegalArgumentException("use empty values, not null, for an app's unknown image");
        }
    }

    /** The summary of an app of a pod manifest. */
    public static PodApp of(RuntimeApp app) {
        return new PodApp(app.name(), app.image().name(), app.image().id());
    }
}
