package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.regex.Pattern;

/**
 * AC Kind (types.md): a non-empty alphanumeric word naming the schema of a document. Only
 * {@link #IMAGE_MANIFEST} and {@link #POD_MANIFEST} are defined; other kinds parse but have no meaning.
 */
public record AcKind(String value) {

    private static final Pattern FORM = Pattern.compile("^[A-Za-z0-9]+$");

    public static final AcKind IMAGE_MANIFEST = new AcKind("ImageManifest");
    public static final AcKind POD_MANIFEST = new AcKind("PodManifest");

    public AcKind {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an AC Kind: " + value);
        }
    }

    public static AcKind parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) {
            throw new SpecException("acKind", text, "an AC Kind must not be empty");
        }
        if (!FORM.matcher(text).matches()) {
            throw new SpecException("acKind", text, "an AC Kind must be letters and digits only");
        }
        return new AcKind(text);
    }

    /** Whether this is one of the kinds the specification defines. */
    public boolean isDefined() {
        return equals(IMAGE_MANIFEST) || equals(POD_MANIFEST);
    }

    @Override
    public String toString() {
        return value;
    }
}
