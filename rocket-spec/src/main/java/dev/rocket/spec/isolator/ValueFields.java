package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.util.stream.Collectors.joining;

/**
 * Reads the fields of one isolator's JSON object value, collecting every violation (with paths such as
 * {@code $.value.set[2]}) so that a user sees all problems of the value at once.
 */
final class ValueFields {

    /** Parses one string element; violations have the path {@code $}. */
    @FunctionalInterface
    interface TextParser<T> {
        T parse(String text) throws SpecException;
    }

    static final String VALUE_PATH = "$.value";

    private final JsonNode object;
    private final List<Violation> violations = new ArrayList<>();

    private ValueFields(JsonNode object) {
        this.object = object;
    }

    /**
     * Starts reading {@code value}, which must be a JSON object with no fields other than {@code allowed}.
     * Unknown fields are reported (they are usually typos such as {@code limits}); a value that is not an
     * object fails at once.
     */
    static ValueFields of(JsonNode value, String isolator, List<String> allowed) throws SpecException {
        requireObject(value, isolator, allowed.stream().map(f -> "\"" + f + "\": ...").collect(joining(", ", "{", "}")));
        ValueFields fields = new ValueFields(value);
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fields.add(name, null, "unknown field of " + isolator + "; its fields are " + String.join(", ", allowed));
            }
        }
        return fields;
    }

    /** Fails unless {@code value} is a JSON object; {@code example} shows the expected shape. */
    static void requireObject(JsonNode value, String isolator, String example) throws SpecException {
        if (!value.isObject()) {
            throw new SpecException(VALUE_PATH, value.toString(), "the value of " + isolator
                    + " must be a JSON object such as " + example);
        }
    }

    /** The path of a field of the value: {@code $.value.limit}, or {@code $.value["net.ipv4.ip_forward"]}. */
    static String path(String field) {
        return field.matches("[A-Za-z_][A-Za-z0-9_]*") ? VALUE_PATH + "." + field
                : VALUE_PATH + "[\"" + field.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    boolean has(String field) {
        return object.has(field);
    }

    /** A string field, or {@code null} when it is absent or not a string (reported when required). */
    String text(String field, boolean required) {
        JsonNode node = object.get(field);
        if (node == null) {
            if (required) add(field, null, "this field is required");
            return null;
        }
        if (!node.isTextual()) {
            add(field, node.toString(), "must be a JSON string");
            return null;
        }
        return node.textValue();
    }

    /** A quantity field (a JSON string), or {@code null} when absent or invalid. */
    Quantity quantity(String field, Quantity.Scale scale, boolean required) {
        String text = text(field, required);
        if (text == null) return null;
        try {
            return Quantity.parse(text, scale);
        } catch (SpecException e) {
            addAll(e.under(path(field)));
            return null;
        }
    }

    /** Reports unless {@code field} is present and JSON {@code true}. */
    void requireTrue(String field, String rule) {
        JsonNode node = object.get(field);
        if (node == null || !node.isBoolean() || !node.booleanValue()) {
            add(field, node == null ? null : node.toString(), rule);
        }
    }

    /** A required, non-empty array of strings, each parsed by {@code parser}; invalid elements are left out. */
    <T> List<T> nonEmptyList(String field, String what, TextParser<T> parser) {
        JsonNode node = object.get(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            add(field, node == null ? null : node.toString(), "must be a non-empty JSON array of " + what);
            return List.of();
        }
        List<T> parsed = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String elementPath = path(field) + "[" + i + "]";
            if (!element.isTextual()) {
                violations.add(new Violation(elementPath, element.toString(), "must be a JSON string naming one of " + what));
                continue;
            }
            try {
                parsed.add(parser.parse(element.textValue()));
            } catch (SpecException e) {
                violations.addAll(e.under(elementPath).violations());
            }
        }
        return parsed;
    }

    void add(String field, String value, String rule) {
        violations.add(new Violation(path(field), value, rule));
    }

    private void addAll(SpecException e) {
        violations.addAll(e.violations());
    }

    /** Throws the collected violations, if any; afterwards every field read so far is valid. */
    void check() throws SpecException {
        if (!violations.isEmpty()) throw new SpecException(violations);
    }
}
