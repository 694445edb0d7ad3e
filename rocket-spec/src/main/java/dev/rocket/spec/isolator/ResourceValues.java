package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.SpecException;

import java.util.List;
import java.util.Optional;

/**
 * The two JSON shapes of resource isolators (ace.md "Resource Isolators"): {@code {"request", "limit"}} for
 * CPU and memory, and {@code {"default": true, "limit"}} for block and network bandwidth and block IOPS.
 */
final class ResourceValues {

    /** The request and limit of a CPU or memory isolator; the request is absent when it defaults to the limit. */
    record RequestAndLimit(Optional<Quantity> request, Quantity limit) {
    }

    private ResourceValues() {
    }

    static RequestAndLimit parseRequestAndLimit(JsonNode value, String isolator, Quantity.Scale scale)
            throws SpecException {
        ValueFields fields = ValueFields.of(value, isolator, List.of("request", "limit"));
        Quantity request = fields.quantity("request", scale, false);
        Quantity limit = fields.quantity("limit", scale, true);
        if (request != null && limit != null && request.compareTo(limit) > 0) {
            fields.add("request", request.toString(), "the request must not exceed the limit " + limit);
        }
        fields.check();
        return new RequestAndLimit(Optional.ofNullable(request), limit);
    }

    /** The constructor checks of a CPU or memory isolator. */
    static void checkRequestAndLimit(Optional<Quantity> request, Quantity limit, Quantity.Scale scale) {
        if (request == null || limit == null) throw new IllegalArgumentException("request and limit must be given");
        if (limit.scale() != scale || request.map(r -> r.scale() != scale).orElse(false)) {
            throw new IllegalArgumentException("quantities must be of scale " + scale);
        }
        if (request.isPresent() && request.get().compareTo(limit) > 0) {
            throw new IllegalArgumentException("request " + request.get() + " exceeds limit " + limit);
        }
    }

    static ObjectNode requestAndLimitJson(Optional<Quantity> request, Quantity limit) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        request.ifPresent(r -> json.put("request", r.toString()));
        return json.put("limit", limit.toString());
    }

    /** The limit of a {@code {"default": true, "limit": ...}} value; the spec has no per-device form. */
    static Quantity parseDefaultLimit(JsonNode value, String isolator) throws SpecException {
        ValueFields fields = ValueFields.of(value, isolator, List.of("default", "limit"));
        fields.requireTrue("default", "must be true: " + isolator + " limits apply to all devices by default,"
                + " and the specification defines no other form");
        Quantity limit = fields.quantity("limit", Quantity.Scale.WHOLE, true);
        fields.check();
        return limit;
    }

    static void checkWholeLimit(Quantity limit) {
        if (limit == null || limit.scale() != Quantity.Scale.WHOLE) {
            throw new IllegalArgumentException("the limit must be a whole-unit quantity: " + limit);
        }
    }

    static ObjectNode defaultLimitJson(Quantity limit) {
        return JsonNodeFactory.instance.objectNode().put("default", true).put("limit", limit.toString());
    }
}
