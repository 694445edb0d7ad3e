package dev.rocket.spec.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcKind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Manifest text to and from Jackson trees: strict reading (no duplicate keys, one value) and canonical writing. */
final class ManifestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

    private ManifestJson() {
    }

    static JsonNode read(String json) throws SpecException {
        if (json == null || json.isBlank()) throw new SpecException("$", json, "a manifest must be a JSON object, not empty text");
        try {
            JsonNode root = MAPPER.readTree(json);
            if (!root.isObject()) throw new SpecException("$", abbreviate(root), "a manifest must be a JSON object");
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            String path = e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "$";
            throw new SpecException(List.of(new Violation(path, null,
                    "not valid JSON: " + e.getOriginalMessage() + where)), e);
        }
    }

    /** The {@code acKind} of a manifest root, which must be one of the defined kinds. */
    static AcKind kindOf(JsonNode root) throws SpecException {
        JsonNode kind = root.get("acKind");
        if (kind == null || kind.isNull()) {
            throw new SpecException("$.acKind", null, "acKind is required: \"ImageManifest\" or \"PodManifest\"");
        }
        if (kind.isTextual()) {
            if (kind.asText().equals(AcKind.IMAGE_MANIFEST.value())) return AcKind.IMAGE_MANIFEST;
            if (kind.asText().equals(AcKind.POD_MANIFEST.value())) return AcKind.POD_MANIFEST;
        }
        throw new SpecException("$.acKind", abbreviate(kind), "acKind must be \"ImageManifest\" or \"PodManifest\"");
    }

    static String write(ObjectNode root, boolean pretty) {
        try {
            return pretty ? MAPPER.writer(PRETTY).writeValueAsString(root) : MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The JSON text of a value, for messages: strings without quotes. */
    static String abbreviate(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static String path(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) steps.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            else if (c.getCurrentName() != null) steps.push("." + c.getCurrentName());
        }
        return "$" + String.join("", steps);
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
