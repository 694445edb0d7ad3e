package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

/**
 * The {@code resource/block-iops} isolator (ace.md): a limit on read/write operations per second that applies to every block device. Its value is always {@code {"default": true, "limit": ...}}; the
 * specification defines no other form.
 *
 * @param limit input/output operations per second
 */
public record BlockIopsIsolator(Quantity limit) implements DeviceLimitIsolator {

    public static final String NAME = "resource/block-iops";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public BlockIopsIsolator {
        ResourceValues.checkWholeLimit(limit);
    }

    /** A resource/block-iops isolator from trusted text such as {@code "1000"}. */
    public static BlockIopsIsolator of(String limit) {
        return new BlockIopsIsolator(Quantity.of(limit, Quantity.Scale.WHOLE));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.limit}. */
    public static BlockIopsIsolator parse(JsonNode value) throws SpecException {
        return new BlockIopsIsolator(ResourceValues.parseDefaultLimit(value, NAME));
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
