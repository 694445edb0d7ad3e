package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

/**
 * The {@code os/linux/no-new-privileges} isolator (ace.md): when enabled, the app's processes can never gain
 * privileges, for example through setuid binaries. Its value is a JSON boolean; without the isolator it is
 * {@code false}.
 *
 * @param enabled whether {@code no_new_privs} is set
 */
public record NoNewPrivilegesIsolator(boolean enabled) implements Isolator {

    public static final String NAME = "os/linux/no-new-privileges";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    /** Parses an isolator value; the violation has the path {@code $.value}. */
    public static NoNewPrivilegesIsolator parse(JsonNode value) throws SpecException {
        if (!value.isBoolean()) {
            throw new SpecException(ValueFields.VALUE_PATH, value.toString(),
                    "the value of " + NAME + " must be the JSON boolean true or false");
        }
        return new NoNewPrivilegesIsolator(value.booleanValue());
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }

    @Override
    public JsonNode value() {
        return BooleanNode.valueOf(enabled);
    }
}
