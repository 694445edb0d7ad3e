package dev.rocket.spec;

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
