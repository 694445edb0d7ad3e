package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource isolator whose limit applies to every device by default (ace.md "Resource Isolators"):
 * {@link BlockBandwidthIsolator}, {@link BlockIopsIsolator} and {@link NetworkBandwidthIsolator}. Its value is
 * always {@code {"default": true, "limit": ...}}; the specification defines no per-device form and no request.
 */
public sealed interface DeviceLimitIsolator extends Isolator
        permits BlockBandwidthIsolator, BlockIopsIsolator, NetworkBandwidthIsolator {

    /** The limit, in whole units per second (bytes or operations). */
    Quantity limit();

    @Override
    default JsonNode value() {
        return ResourceValues.defaultLimitJson(limit());
    }
}
