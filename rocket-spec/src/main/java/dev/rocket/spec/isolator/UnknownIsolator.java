package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.types.AcIdentifier;

/** An isolator this library does not know: kept verbatim so that it can be reported, never dropped. */
public record UnknownIsolator(AcIdentifier name, JsonNode value) implements Isolator {
}
