package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.util.regex.Pattern;

/**
 * One variable of an app's environment (aci.md "environment"): a name of letters, digits and underscores
 * (plus {@code .} and {@code -}, which the specification permits), not starting with a digit, and a free-form value.
 */
public record EnvironmentVariable(String name, String value) {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");

    public EnvironmentVariable {
        if (!isValidName(name)) throw new IllegalArgumentException("not an environment variable name: " + name);
        if (value == null) throw new IllegalArgumentException("environment variable " + name + " needs a value");
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Checks an untrusted variable name. */
    public static String parseName(String name) throws SpecException {
        if (!isValidName(name)) {
            throw new SpecException("name", name, "an environment variable name must be letters, digits, _ . and -,"
                    + " and must not start with a digit");
        }
        return name;
    }

    /** Command line form: {@code name=value}. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
