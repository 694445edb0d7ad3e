package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

/** Parses isolator values by name (ace.md "Isolators"). */
public final class Isolators {

    private Isolators() {
    }

    /**
     * Parses one isolator. Errors carry paths relative to the isolator ({@code $.value.limit}); callers
     * put them under the isolator's own path with {@link SpecException#under}.
     */
    public static Isolator parse(AcIdentifier name, JsonNode value) throws SpecException {
        return new UnknownIsolator(name, value);
    }
}
