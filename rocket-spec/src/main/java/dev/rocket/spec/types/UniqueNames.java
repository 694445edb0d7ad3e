package dev.rocket.spec.types;

import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The rule, common to most lists in the manifests, that the names of a list's entries are unique. */
public final class UniqueNames {

    private UniqueNames() {
    }

    /**
     * One violation at {@code $[i].name} for each entry whose name an earlier entry already has.
     *
     * @param what the plural noun for the entries in messages, such as "label names"
     */
    public static <T> List<Violation> violations(List<T> entries, Function<T, ?> name, String what) {
        List<Violation> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = String.valueOf(name.apply(entries.get(i)));
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                problems.add(new Violation("$[" + i + "].name", key,
                        what + " must be unique, and this one is already used at index " + first));
            }
        }
        return problems;
    }
}
