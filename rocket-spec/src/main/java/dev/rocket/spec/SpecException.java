package dev.rocket.spec;

import java.util.List;

/**
 * Input does not conform to the App Container specification. Carries every violation found, so that a
 * validator can report all problems at once; the message is the violations, one per line.
 */
public class SpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public SpecException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    public SpecException(Violation violation) {
        this(List.of(violation));
    }

    public SpecException(String path, String value, String rule) {
        this(new Violation(path, value, rule));
    }

    public SpecException(List<Violation> violations, Throwable cause) {
        this(violations);
        initCause(cause);
    }

    /** Throws a {@code SpecException} carrying {@code violations} unless the list is empty. */
    public static void throwIfAny(List<Violation> violations) throws SpecException {
        if (!violations.isEmpty()) throw new SpecException(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The same violations with {@code prefix} put before each path, for errors found in a nested value. */
    public SpecException under(String prefix) {
        return new SpecException(violations.stream()
                .map(v -> v.under(prefix))
                .toList(), this);
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) throw new IllegalArgumentException("a SpecException needs at least one violation");
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (!text.isEmpty()) text.append('\n');
            text.append(v);
        }
        return text.toString();
    }
}
