package dev.rocket.spec;

import java.util.List;

/**
 * One broken rule of the App Container specification.
 *
 * @param path  where the problem is: a JSON path such as {@code $.app.ports[1].name}, an archive entry name,
 *              or a field name; never empty
 * @param value the offending value as found in the input, or {@code null} when the value is missing
 * @param rule  what the specification requires, in words a user can act on
 */
public record Violation(String path, String value, String rule) {

    public Violation {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("violation path must be given");
        if (rule == null || rule.isEmpty()) throw new IllegalArgumentException("violation rule must be given");
    }

    /** This violation with {@code prefix} put before its path: {@code $[1].name} under {@code $.apps} is {@code $.apps[1].name}. */
    public Violation under(String prefix) {
        return new Violation(join(prefix, path), value, rule);
    }

    /** Each of {@code violations} {@linkplain #under(String) under} {@code prefix}. */
    public static List<Violation> under(String prefix, List<Violation> violations) {
        return violations.stream().map(v -> v.under(prefix)).toList();
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) return path;
        if (path.startsWith("$")) return prefix + path.substring(1);
        return path.startsWith("[") || path.startsWith(".") ? prefix + path : prefix + "." + path;
    }

    /**
     * For trusted input: throws {@link IllegalArgumentException} naming every violation unless the list is
     * empty. Value types use it in their constructors so that the rules live in one place.
     */
    public static void requireNone(List<Violation> violations) {
        if (violations.isEmpty()) return;
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (!text.isEmpty()) text.append("; ");
            text.append(v);
        }
        throw new IllegalArgumentException(text.toString());
    }

    /** Human readable form: {@code $.name: "Foo": must match ...}. */
    @Override
    public String toString() {
        return value == null ? path + ": " + rule : path + ": " + quote(value) + ": " + rule;
    }

    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') quoted.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f) quoted.append(String.format("\\u%04x", (int) c));
            else quoted.append(c);
        }
        if (value.length() > 200) quoted.append("...");
        return quoted.append('"').toString();
    }
}
