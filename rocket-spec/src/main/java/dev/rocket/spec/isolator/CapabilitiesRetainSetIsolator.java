package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Set;

/**
 * The {@code os/linux/capabilities-retain-set} isolator (ace.md): the app's capability bounding set is exactly
 * these capabilities. It cannot be combined with {@link CapabilitiesRemoveSetIsolator}.
 *
 * @param set the capabilities, never empty; iterates in the kernel's order
 */
public record CapabilitiesRetainSetIsolator(Set<Capability> set) implements CapabilitySetIsolator {

    public static final String NAME = "os/linux/capabilities-retain-set";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public CapabilitiesRetainSetIsolator {
        set = SetValues.copyCapabilities(set);
    }

    public static CapabilitiesRetainSetIsolator of(Capability... set) {
        return new CapabilitiesRetainSetIsolator(Set.of(set));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.set[1]}. */
    public static CapabilitiesRetainSetIsolator parse(JsonNode value) throws SpecException {
        return new CapabilitiesRetainSetIsolator(SetValues.parseCapabilities(value, NAME));
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
