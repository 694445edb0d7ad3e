package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.List;

/**
 * The command line of an app or event handler (aci.md "exec"): the program and its arguments, used verbatim.
 * The program may be an absolute path or a name looked up in {@code PATH}, but must not be empty. An empty
 * exec means "none given"; an app without one must get it from the command line.
 */
public record Exec(List<String> args) {

    public static final Exec NONE = new Exec(List.of());

    public Exec {
        args = List.copyOf(args);
        if (!args.isEmpty() && args.getFirst().isEmpty()) {
            throw new IllegalArgumentException("the program of an exec must not be empty");
        }
    }

    public static Exec of(String... args) {
        return new Exec(List.of(args));
    }

    /** Checks untrusted arguments; the path of a violation is {@code $[0]}. */
    public static Exec parse(List<String> args) throws SpecException {
        if (!args.isEmpty() && args.getFirst().isEmpty()) {
            throw new SpecException("$[0]", "", "the program to run must not be empty");
        }
        return new Exec(args);
    }

    public boolean isEmpty() {
        return args.isEmpty();
    }

    /** Command line form, for messages: the arguments joined by spaces. */
    @Override
    public String toString() {
        return String.join(" ", args);
    }
}
