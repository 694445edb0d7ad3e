package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code imageID} a dependency declares (aci.md "dependencies"), as the appc schema reads it: {@code sha512-}
 * and a non-empty value. Normally the value is all 128 hex digits of an {@link ImageId}, or a prefix of them;
 * the specification's own example uses a placeholder ({@code sha512-...}), which is accepted and kept verbatim
 * but matches no image.
 */
public record ImageHash(String value) {

    private static final Pattern FORM = Pattern.compile("^sha512-[^-\\s]+$");

    public ImageHash {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an image hash: " + value);
        }
    }

    public static ImageHash parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) {
            throw new SpecException("imageID", text, "an image ID must not be empty");
        }
        if (!text.startsWith(ImageId.ALGORITHM_PREFIX)) {
            throw new SpecException("imageID", text,
                    "the only hash algorithm permitted for image IDs is sha512: write sha512-<hex digits>");
        }
        if (!FORM.matcher(text).matches()) {
            throw new SpecException("imageID", text,
                    "an image ID must be sha512- followed by the hex digits of the digest, without spaces or dashes");
        }
        return new ImageHash(text);
    }

    public static ImageHash of(ImageId id) {
        return new ImageHash(id.value());
    }

    /** The full image ID, if this hash is one. */
    public Optional<ImageId> imageId() {
        try {
            return Optional.of(ImageId.parse(value));
        } catch (SpecException e) {
            return Optional.empty();
        }
    }

    /** Whether the image {@code id} satisfies this dependency: the hash is {@code id} or a hex prefix of it. */
    public boolean matches(ImageId id) {
        try {
            return ImageIdPrefix.parse(value).matches(id);
        } catch (SpecException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
