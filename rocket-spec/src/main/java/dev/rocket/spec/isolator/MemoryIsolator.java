package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Optional;

/**
 * The {@code resource/memory} isolator (ace.md): memory in bytes.
 *
 * @param request the guaranteed amount, in bytes; absent means it equals the limit
 * @param limit   the most the app or pod may use, in bytes
 */
public record MemoryIsolator(Optional<Quantity> request, Quantity limit) implements RequestLimitIsolator {

    public static final String NAME = "resource/memory";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public MemoryIsolator {
        ResourceValues.checkRequestAndLimit(request, limit, Quantity.Scale.WHOLE);
    }

    /** A resource/memory isolator with only a limit, from trusted text such as {@code "1G"}. */
    public static MemoryIsolator of(String limit) {
        return new MemoryIsolator(Optional.empty(), Quantity.of(limit, Quantity.Scale.WHOLE));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.limit}. */
    public static MemoryIsolator parse(JsonNode value) throws SpecException {
        ResourceValues.RequestAndLimit parsed =
                ResourceValues.parseRequestAndLimit(value, NAME, Quantity.Scale.WHOLE);
        return new MemoryIsolator(parsed.request(), parsed.limit());
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
