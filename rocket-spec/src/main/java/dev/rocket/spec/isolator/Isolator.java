package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.types.AcIdentifier;

/**
 * An isolator (types.md "Isolator Type", ace.md "Isolators"): a name and a JSON value. Known isolators are
 * parsed into typed records by {@link Isolators#parse}; unknown ones are kept as {@link UnknownIsolator}.
 */
public interface Isolator {

    AcIdentifier name();

    /** The value as it is written in a manifest; parsing this value again yields an equal isolator. */
    JsonNode value();
}
