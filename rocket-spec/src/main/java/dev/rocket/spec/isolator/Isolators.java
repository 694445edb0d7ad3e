package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcIdentifier;

import java.util.List;

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

    /**
     * The rules about isolators taken together (which may appear only once, which exclude each other).
     * Paths are {@code $[i]}, indexes into {@code isolators}; callers put them under the list's own path.
     */
    public static List<Violation> checkCombination(List<Isolator> isolators) {
        return List.of();
    }
}
