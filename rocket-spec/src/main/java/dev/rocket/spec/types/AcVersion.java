package dev.rocket.spec.types;

import dev.rocket.spec.AppcSpec;
import dev.rocket.spec.SpecException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AC Version (types.md): a Semantic Versioning 2.0.0 version. Ordered by SemVer precedence, in which build
 * metadata does not count; so {@code compareTo} may return 0 for versions that are not {@code equals}.
 */
public record AcVersion(long major, long minor, long patch, List<String> preRelease, List<String> build)
        implements Comparable<AcVersion> {

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String PRE_IDENTIFIER = NUMBER + "|[0-9]*[A-Za-z-][0-9A-Za-z-]*";
    private static final Pattern FORM = Pattern.compile("^(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
            + "(?:-((?:" + PRE_IDENTIFIER + ")(?:\\.(?:" + PRE_IDENTIFIER + "))*))?"
            + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$");
    private static final Pattern NUMERIC = Pattern.compile("^[0-9]+$");

    /** The version of the specification this library implements, {@link AppcSpec#VERSION}. */
    public static final AcVersion CURRENT = of(AppcSpec.VERSION);

    public AcVersion {
        if (major < 0 || minor < 0 || patch < 0) throw new IllegalArgumentException("version numbers must not be negative");
        preRelease = List.copyOf(preRelease);
        build = List.copyOf(build);
        if (!FORM.matcher(format(major, minor, patch, preRelease, build)).matches()) {
            throw new IllegalArgumentException("not a SemVer 2.0.0 version: " + format(major, minor, patch, preRelease, build));
        }
    }

    /** Parses untrusted text such as {@code 0.8.11} or {@code 1.0.0-rc.1+build.5}. */
    public static AcVersion parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) {
            throw new SpecException("acVersion", text, "an AC Version must not be empty");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new SpecException("acVersion", text, "an AC Version must be a SemVer 2.0.0 version:"
                    + " MAJOR.MINOR.PATCH without leading zeros, optionally followed by -pre.release and +build");
        }
        try {
            return new AcVersion(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    split(m.group(4)), split(m.group(5)));
        } catch (NumberFormatException e) {
            throw new SpecException("acVersion", text, "a version number is too large");
        }
    }

    /** For trusted text, such as constants. */
    public static AcVersion of(String text) {
        try {
            return parse(text);
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether a manifest written for this version can be read by an implementation of {@code other}: same major series. */
    public boolean isCompatibleWith(AcVersion other) {
        return major == other.major;
    }

    @Override
    public int compareTo(AcVersion other) {
        int c = Long.compare(major, other.major);
        if (c == 0) c = Long.compare(minor, other.minor);
        if (c == 0) c = Long.compare(patch, other.patch);
        if (c != 0) return c;
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            // a version without pre-release identifiers ranks above any with them
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = NUMERIC.matcher(a).matches();
        boolean bNumeric = NUMERIC.matcher(b).matches();
        if (aNumeric && bNumeric) {
            int byLength = Integer.compare(a.length(), b.length()); // no leading zeros, so longer is larger
            return byLength != 0 ? byLength : a.compareTo(b);
        }
        if (aNumeric != bNumeric) return aNumeric ? -1 : 1;
        return a.compareTo(b);
    }

    private static List<String> split(String dotted) {
        return dotted == null ? List.of() : List.of(dotted.split("\\."));
    }

    private static String format(long major, long minor, long patch, List<String> preRelease, List<String> build) {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) text.append('-').append(String.join(".", preRelease));
        if (!build.isEmpty()) text.append('+').append(String.join(".", build));
        return text.toString();
    }

    @Override
    public String toString() {
        return format(major, minor, patch, preRelease, build);
    }
}
