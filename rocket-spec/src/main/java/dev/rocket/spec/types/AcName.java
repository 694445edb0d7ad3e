package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * AC Name (types.md): lowercase letters and digits with single dashes between them, as in a DNS label.
 * Names apps, volumes, mount points and ports.
 */
public record AcName(String value) implements Comparable<AcName> {

    private static final Pattern INVALID_RUN = Pattern.compile("[^a-z0-9]+");

    public AcName {
        if (!isValid(value)) throw new IllegalArgumentException("not an AC Name: " + value);
    }

    /** Parses untrusted text; the error names the value and the rule. */
    public static AcName parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) {
            throw new SpecException("name", text, "an AC Name must not be empty");
        }
        if (!isValid(text)) {
            throw new SpecException("name", text,
                    "an AC Name must be lowercase letters and digits, with single dashes between them"
                            + " (for example \"my-app-2\")");
        }
        return new AcName(text);
    }

    /**
     * Whether {@code text} has the form {@code [a-z0-9]+(-[a-z0-9]+)*}; a loop rather than a regular expression,
     * being checked for every app of every pod that {@code rkt list} reads in a fresh JVM.
     */
    public static boolean isValid(String text) {
        return Forms.isSeparated(text, "-");
    }

    /**
     * Turns any text, such as a Docker repository name {@code Library/My_App:1.0}, into an AC Name:
     * lowercased, every run of other characters replaced by one dash, dashes trimmed from both ends
     * ({@code library-my-app-1-0}). The same input always gives the same name.
     *
     * @throws SpecException if no letter or digit remains
     */
    public static AcName sanitize(String text) throws SpecException {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        String dashed = INVALID_RUN.matcher(lower).replaceAll("-");
        int start = 0;
        int end = dashed.length();
        while (start < end && dashed.charAt(start) == '-') start++;
        while (end > start && dashed.charAt(end - 1) == '-') end--;
        if (start == end) {
            throw new SpecException("name", text,
                    "cannot make an AC Name from this: it contains no ASCII letter or digit");
        }
        return new AcName(dashed.substring(start, end));
    }

    @Override
    public int compareTo(AcName other) {
        return value.compareTo(other.value);
    }

    /**
     * Written out rather than generated: a record's generated {@code equals} and {@code hashCode} run through
     * method handles, slow in the cold code of a fresh JVM that keys a map by thousands of these.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof AcName that && value.equals(that.value);
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
