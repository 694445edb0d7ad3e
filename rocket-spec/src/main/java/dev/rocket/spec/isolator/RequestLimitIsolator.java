package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A resource isolator with a request and a limit (ace.md "Resource Isolators"): {@link CpuIsolator} and
 * {@link MemoryIsolator}. Its value is {@code {"request": ..., "limit": ...}}; the request may be left out.
 */
public sealed interface RequestLimitIsolator extends Isolator permits CpuIsolator, MemoryIsolator {

    /** The guaranteed amount; absent means it equals the limit. */
    Optional<Quantity> request();

    /** The most the app or pod may use. */
    Quantity limit();

    /** The request, or the limit when no request is given (the specification's default). */
    default Quantity effectiveRequest() {
        return request().orElse(limit());
    }

    @Override
    default JsonNode value() {
        return ResourceValues.requestAndLimitJson(request(), limit());
    }
}
