package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.UUID;
import java.util.regex.Pattern;

/** The UUID of a pod (ace.md "Pod UUID"), written in RFC 4122's canonical lowercase text form. */
public record PodUuid(UUID value) {

    private static final Pattern FORM =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public PodUuid {
        if (value == null) throw new IllegalArgumentException("pod UUID must be given");
    }

    /** A new random (version 4) UUID. */
    public static PodUuid random() {
        return new PodUuid(UUID.randomUUID());
    }

    public static PodUuid parse(String text) throws SpecException {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new SpecException("uuid", text,
                    "a pod UUID must have the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx with hex digits");
        }
        return new PodUuid(UUID.fromString(text));
    }

    /**
     * Written out rather than generated: a record's generated {@code equals} and {@code hashCode} run through
     * method handles, slow in the cold code of a fresh JVM that keys a map by thousands of these.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PodUuid that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
