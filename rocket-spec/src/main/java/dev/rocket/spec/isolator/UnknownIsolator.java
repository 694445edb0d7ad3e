package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.rocket.spec.types.AcIdentifier;

/**
 * An isolator this library does not know: kept verbatim so that it can be reported, never dropped.
 * The value is copied in and out, so the isolator stays immutable although JSON nodes are not.
 *
 * @param name  the isolator's name
 * @param value its value, any JSON (a Java {@code null} becomes JSON {@code null})
 */
public record UnknownIsolator(AcIdentifier name, JsonNode value) implements Isolator {

    public UnknownIsolator {
        if (name == null) throw new IllegalArgumentException("an isolator needs a name");
        value = value == null ? NullNode.getInstance() : value.deepCopy();
    }

    @Override
    public JsonNode value() {
        return value.deepCopy();
    }
}
