package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

/**
 * The {@code resource/block-bandwidth} isolator (ace.md): a limit on read/write bandwidth that applies to every block device. Its value is always {@code {"default": true, "limit": ...}}; the
 * specification defines no other form.
 *
 * @param limit bytes per second, read and write
 */
public record BlockBandwidthIsolator(Quantity limit) implements DeviceLimitIsolator {

    public static final String NAME = "resource/block-bandwidth";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public BlockBandwidthIsolator {
        ResourceValues.checkWholeLimit(limit);
    }

    /** A resource/block-bandwidth isolator from trusted text such as {@code "2M"}. */
    public static BlockBandwidthIsolator of(String limit) {
        return new BlockBandwidthIsolator(Quantity.of(limit, Quantity.Scale.WHOLE));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.limit}. */
    public static BlockBandwidthIsolator parse(JsonNode value) throws SpecException {
        return new BlockBandwidthIsolator(ResourceValues.parseDefaultLimit(value, NAME));
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
