package dev.rocket.spec.types;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * An image whose files are laid down before this image's (aci.md "dependencies"). Found by name and labels;
 * if {@code imageId} is given the found image must match it, and if {@code size} is given its size should.
 */
public record Dependency(AcIdentifier imageName, Optional<ImageHash> imageId, Labels labels, OptionalLong size) {

    public Dependency {
        if (imageName == null || labels == null) throw new IllegalArgumentException("a dependency needs a name and labels");
        if (imageId == null || size == null) throw new IllegalArgumentException("use empty optionals for absent values");
        if (size.isPresent() && size.getAsLong() < 0) throw new IllegalArgumentException("negative size: " + size);
    }

    public static Dependency of(AcIdentifier imageName) {
        return new Dependency(imageName, Optional.empty(), Labels.NONE, OptionalLong.empty());
    }
}
