package dev.rocket.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A place in a manifest being read: the JSON value there ({@code null} when absent), its JSON path, and where
 * to report problems. JSON {@code null} counts as absent, as rkt wrote absent lists that way. Each typed
 * accessor reports a wrong type or a missing required value and returns empty or {@code null}.
 */
record Field(JsonNode node, String path, Problems problems) {

    /** Parses the text of a scalar value. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws SpecException;
    }

    static Field root(JsonNode node, Problems problems) {
        return new Field(node, "$", problems);
    }

    Field get(String name) {
        return new Field(isObject() ? node.get(name) : null, path + "." + name, problems);
    }

    boolean isPresent() {
        return node != null && !node.isNull();
    }

    private boolean isObject() {
        return node != null && node.isObject();
    }

    /** Whether the value is an object; reports it if it is present but something else. */
    boolean expectObject() {
        if (isObject()) return true;
        if (isPresent()) wrongType("a JSON object");
        return false;
    }

    boolean requireObject() {
        if (!isPresent()) missing();
        return expectObject();
    }

    String requiredText() {
        if (!isPresent()) {
            missing();
            return null;
        }
        return optionalText().orElse(null);
    }

    Optional<String> optionalText() {
        if (!isPresent()) return Optional.empty();
        if (!node.isTextual()) {
            wrongType("a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    <T> T required(Parser<T> parser) {
        String text = requiredText();
        return text == null ? null : parse(parser, text);
    }

    <T> Optional<T> optional(Parser<T> parser) {
        return optionalText().map(text -> parse(parser, text));
    }

    private <T> T parse(Parser<T> parser, String text) {
        try {
            return parser.parse(text);
        } catch (SpecException e) {
            problems.addAt(path, e);
            return null;
        }
    }

    Optional<Boolean> optionalBoolean() {
        if (!isPresent()) return Optional.empty();
        if (!node.isBoolean()) {
            wrongType("true or false");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    OptionalLong requiredInteger() {
        if (!isPresent()) missing();
        return optionalInteger();
    }

    OptionalLong optionalInteger() {
        if (!isPresent()) return OptionalLong.empty();
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            wrongType("a whole number");
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.longValue());
    }

    /** The elements of an optional list. */
    List<Field> items() {
        List<Field> items = new ArrayList<>();
        if (!isPresent()) return items;
        if (!node.isArray()) {
            wrongType("a list");
            return items;
        }
        for (int i = 0; i < node.size(); i++) items.add(new Field(node.get(i), path + "[" + i + "]", problems));
        return items;
    }

    List<Field> requiredItems() {
        if (!isPresent()) missing();
        return items();
    }

    /** An optional object whose values are all strings, in the document's order. */
    Map<String, String> stringMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (!expectObject()) return map;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Field value = new Field(entry.getValue(), path + "." + entry.getKey(), problems);
            value.optionalText().ifPresent(text -> map.put(entry.getKey(), text));
            if (!value.isPresent()) value.wrongType("a string");
        }
        return map;
    }

    void report(String value, String rule) {
        problems.add(path, value, rule);
    }

    private void missing() {
        problems.add(path, null, "this field is required");
    }

    private void wrongType(String expected) {
        problems.add(path, ManifestJson.abbreviate(node), "must be " + expected);
    }
}
