package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * A capability isolator (ace.md): {@link CapabilitiesRetainSetIsolator} or {@link CapabilitiesRemoveSetIsolator},
 * which cannot be used together. Its value is {@code {"set": [...]}}.
 */
public sealed interface CapabilitySetIsolator extends Isolator
        permits CapabilitiesRetainSetIsolator, CapabilitiesRemoveSetIsolator {

    /** The capabilities, never empty; iterates in the kernel's order. */
    Set<Capability> set();

    @Override
    default JsonNode value() {
        return SetValues.capabilitiesJson(set());
    }
}
