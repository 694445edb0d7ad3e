package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * The absolute paths that alone remain in an app's rootfs after rendering (aci.md "pathWhitelist").
 * Empty means no filtering.
 */
public record PathWhitelist(List<String> paths) {

    public static final PathWhitelist NONE = new PathWhitelist(List.of());

    public PathWhitelist {
        paths = List.copyOf(paths);
        Violation.requireNone(problems(paths));
    }

    public static PathWhitelist parse(List<String> paths) throws SpecException {
        SpecException.throwIfAny(problems(paths));
        return new PathWhitelist(paths);
    }

    /** Paths that are not absolute; violation paths are {@code $[i]}. */
    public static List<Violation> problems(List<String> paths) {
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            if (!paths.get(i).startsWith("/")) {
                problems.add(new Violation("$[" + i + "]", paths.get(i), "a whitelisted path must be absolute"));
            }
        }
        return problems;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }
}
