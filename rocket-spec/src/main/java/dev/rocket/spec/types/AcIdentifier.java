package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

/**
 * AC Identifier (types.md): lowercase URI unreserved characters, starting and ending with an alphanumeric,
 * separators {@code - . _ ~ /} only between alphanumerics. Used for image names, label keys and isolator names.
 */
public record AcIdentifier(String value) implements Comparable<AcIdentifier> {

    private static final String SEPARATORS = "-._~/";

    public AcIdentifier {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an AC Identifier: " + value);
        }
    }

    /** Parses untrusted text; the error names the value and the rule. */
    public static AcIdentifier parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) {
            throw new SpecException("identifier", text, "an AC Identifier must not be empty");
        }
        if (!isValid(text)) {
            throw new SpecException("identifier", text,
                    "an AC Identifier must be lowercase letters, digits and - . _ ~ / between them,"
                            + " starting and ending with a letter or digit");
        }
        return new AcIdentifier(text);
    }

    /** Whether {@code text} has the form {@code [a-z0-9]+([-._~/][a-z0-9]+)*} (a loop, see {@link AcName#isValid}). */
    public static boolean isValid(String text) {
        return Forms.isSeparated(text, SEPARATORS);
    }

    @Override
    public int compareTo(AcIdentifier other) {
        return value.compareTo(other.value);
    }

    /**
     * Written out rather than generated: a record's generated {@code equals} and {@code hashCode} run through
     * method handles, slow in the cold code of a fresh JVM that keys a map by thousands of these.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof AcIdentifier that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
