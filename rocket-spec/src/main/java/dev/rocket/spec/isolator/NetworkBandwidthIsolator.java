package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

/**
 * The {@code resource/network-bandwidth} isolator (ace.md): a limit on bandwidth that applies to every network interface except localhost. Its value is always {@code {"default": true, "limit": ...}}; the
 * specification defines no other form.
 *
 * @param limit bytes per second, read and write
 */
public record NetworkBandwidthIsolator(Quantity limit) implements DeviceLimitIsolator {

    public static final String NAME = "resource/network-bandwidth";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public NetworkBandwidthIsolator {
        ResourceValues.checkWholeLimit(limit);
    }

    /** A resource/network-bandwidth isolator from trusted text such as {@code "1G"}. */
    public static NetworkBandwidthIsolator of(String limit) {
        return new NetworkBandwidthIsolator(Quantity.of(limit, Quantity.Scale.WHOLE));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.limit}. */
    public static NetworkBandwidthIsolator parse(JsonNode value) throws SpecException {
        return new NetworkBandwidthIsolator(ResourceValues.parseDefaultLimit(value, NAME));
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
