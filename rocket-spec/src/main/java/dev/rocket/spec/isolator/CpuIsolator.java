package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Optional;

/**
 * The {@code resource/cpu} isolator (ace.md): CPU time in cores, as quantities of millicores
 * ({@code 500m} is half a core every second).
 *
 * @param request the guaranteed amount, in millicores; absent means it equals the limit
 * @param limit   the most the app or pod may use, in millicores
 */
public record CpuIsolator(Optional<Quantity> request, Quantity limit) implements RequestLimitIsolator {

    public static final String NAME = "resource/cpu";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public CpuIsolator {
        ResourceValues.checkRequestAndLimit(request, limit, Quantity.Scale.MILLI);
    }

    /** A resource/cpu isolator with only a limit, from trusted text such as {@code "500m"}. */
    public static CpuIsolator of(String limit) {
        return new CpuIsolator(Optional.empty(), Quantity.of(limit, Quantity.Scale.MILLI));
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.limit}. */
    public static CpuIsolator parse(JsonNode value) throws SpecException {
        ResourceValues.RequestAndLimit parsed =
                ResourceValues.parseRequestAndLimit(value, NAME, Quantity.Scale.MILLI);
        return new CpuIsolator(parsed.request(), parsed.limit());
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
