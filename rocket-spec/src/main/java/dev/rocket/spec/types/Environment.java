package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An app's environment (aci.md "environment"): ordered variables with unique names. */
public record Environment(List<EnvironmentVariable> list) {

    public static final Environment NONE = new Environment(List.of());

    public Environment {
        list = List.copyOf(list);
        Violation.requireNone(problems(list));
    }

    public static Environment parse(List<EnvironmentVariable> variables) throws SpecException {
        SpecException.throwIfAny(problems(variables));
        return new Environment(variables);
    }

    /** Duplicate names; paths are {@code $[i].name}. */
    public static List<Violation> problems(List<EnvironmentVariable> variables) {
        return UniqueNames.violations(variables, EnvironmentVariable::name, "environment variable names");
    }

    public Optional<String> get(String name) {
        return list.stream().filter(v -> v.name().equals(name)).map(EnvironmentVariable::value).findFirst();
    }

    /** This environment with {@code name} set to {@code value}: replaced in place, or appended. */
    public Environment with(String name, String value) {
        List<EnvironmentVariable> changed = new ArrayList<>(list);
        EnvironmentVariable variable = new EnvironmentVariable(name, value);
        changed.replaceAll(v -> v.name().equals(name) ? variable : v);
        if (!changed.contains(variable)) changed.add(variable);
        return new Environment(changed);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }
}
