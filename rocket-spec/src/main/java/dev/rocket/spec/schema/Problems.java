package dev.rocket.spec.schema;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.List;

/** The violations found so far while reading one manifest; reading goes on after each so that all are reported. */
final class Problems {

    private final List<Violation> found = new ArrayList<>();

    void add(String path, String value, String rule) {
        found.add(new Violation(path, value, rule));
    }

    /** Violations whose paths are relative to {@code prefix} ({@code $[1].name}, {@code $.port}). */
    void addUnder(String prefix, List<Violation> violations) {
        found.addAll(Violation.under(prefix, violations));
    }

    /** The violations of a scalar value's parser, which name the value and rule but not where it was. */
    void addAt(String path, SpecException e) {
        for (Violation v : e.violations()) found.add(new Violation(path, v.value(), v.rule()));
    }

    int count() {
        return found.size();
    }

    void throwIfAny() throws SpecException {
        SpecException.throwIfAny(found);
    }
}
