package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.regex.Pattern;

/**
 * A full or shortened image ID as rkt accepts on its command line to name an image ({@code sha512-887890e697d9}):
 * {@code sha512-} followed by between 1 and 128 lowercase hex digits.
 */
public record ImageIdPrefix(String value) {

    private static final Pattern FORM = Pattern.compile("^sha512-[0-9a-f]{1,128}$");

    public ImageIdPrefix {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an image ID or image ID prefix: " + value);
        }
    }

    public static ImageIdPrefix parse(String text) throws SpecException {
        if (text == null || !text.startsWith(ImageId.ALGORITHM_PREFIX)) {
            throw new SpecException("imageID", text, "an image ID must start with " + ImageId.ALGORITHM_PREFIX);
        }
        if (!FORM.matcher(text).matches()) {
            throw new SpecException("imageID", text, "an image ID or its prefix must be " + ImageId.ALGORITHM_PREFIX
                    + " followed by 1 to 128 lowercase hex digits");
        }
        return new ImageIdPrefix(text);
    }

    /** The prefix that matches only {@code id}. */
    public static ImageIdPrefix of(ImageId id) {
        return new ImageIdPrefix(id.value());
    }

    /**
     * Whether text is meant as an image ID rather than an image name, as rkt decides it: it starts with
     * {@code sha512-}. Such text is then parsed with {@link #parse}.
     */
    public static boolean looksLikeImageId(String text) {
        return text != null && text.startsWith(ImageId.ALGORITHM_PREFIX);
    }

    public boolean matches(ImageId id) {
        return id.value().startsWith(value);
    }

    /** Whether all 128 digits are given, so that at most one image can match. */
    public boolean isFull() {
        return value.length() == ImageId.ALGORITHM_PREFIX.length() + 128;
    }

    @Override
    public String toString() {
        return value;
    }
}
