package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Set;

/**
 * The {@code os/linux/capabilities-remove-set} isolator (ace.md): the app's capability bounding set is
 * {@link Capability#APPC_DEFAULT_SET} without these capabilities. It cannot be combined with
 * {@link CapabilitiesRetainSetIsolator}.
 *
 * @param set the capabilities, never empty; iterates in the kernel's order
 */
public record CapabilitiesRemoveSetIsolator(Set<Capability> set) implements CapabilitySetIsolator {

    public static final String NAME = "os/linux/capabilities-remove-set";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public CapabilitiesRemoveSetIsolator {
        set = SetValues.copyCapabilities(set);
    }

    public static CapabilitiesRemoveSetIsolator of(Capability... set) {
        return new CapabilitiesRemoveSetIsolator(Set.of(set));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.set[1]}. */
    public static CapabilitiesRemoveSetIsolator parse(JsonNode value) throws SpecException {
        return new CapabilitiesRemoveSetIsolator(SetValues.parseCapabilities(value, NAME));
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
