package dev.rocket.stage1.isolation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What became of each isolator of an app (ace.md: an executor MUST tell which isolators it enforced, changed or
 * ignored), including the defaults Rocket applied without being asked. Saved with the pod; shown by
 * {@code rkt status}. Its JSON is built as a tree, field by field: Jackson's reflection over records costs a pod's
 * start about 100 ms of class loading and introspection.
 *
 * @param app     the app's name
 * @param entries one per isolator or default, in the order decided
 */
public record IsolatorReport(String app, List<Entry> entries) {

    /** Only for reading: no object mapper (see {@link #fromJson}). */
    private static final JsonFactory READER = new JsonFactory();

    /** For writing, made at the first report written (a pod's start), not for {@code rkt status}. */
    private static final class Writer {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    /** What happened to one isolator. */
    public enum Outcome {
        /** Applied as written. */
        ENFORCED,
        /** Applied, but not exactly as written (bounded, augmented, or a default filled in). */
        MODIFIED,
        /** Not applied at all. */
        IGNORED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome of(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param isolator the isolator's name ({@code os/linux/seccomp-remove-set}), or the insecure option or
     *                 default it stands for
     * @param detail   one sentence for a person: what was applied, or why not
     */
    public record Entry(String isolator, Outcome outcome, String detail) {
    }

    public IsolatorReport {
        entries = List.copyOf(entries);
    }

    /** The entries with {@code outcome}. */
    public List<Entry> with(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).toList();
    }

    /** One line per ignored isolator, for {@code rkt run} to print on stderr before the app starts. */
    public List<String> ignoredWarnings() {
        return with(Outcome.IGNORED).stream()
                .map(e -> "app " + app + ": isolator " + e.isolator() + " ignored: " + e.detail()).toList();
    }

    /** The pretty-printed JSON of {@code isolators.json}: {@code {"app": ..., "entries": [...]}}. */
    public String toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("app", app);
        json.set("entries", entriesJson());
        try {
            return Writer.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serializes", e);
        }
    }

    /** The entries as a JSON array of {@code {"isolator", "outcome", "detail"}} objects, outcomes in lower case. */
    public ArrayNode entriesJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Entry entry : entries) {
            array.addObject().put("isolator", entry.isolator()).put("outcome", entry.outcome().json())
                    .put("detail", entry.detail());
        }
        return array;
    }

    /**
     * Reads what {@link #toJson} wrote, with Jackson's streaming parser: {@code rkt status} reads a report per app
     * and would otherwise set up an object mapper for it (~40 ms in a fresh JVM).
     */
    public static IsolatorReport fromJson(String json) throws JsonProcessingException {
        try (JsonParser parser = READER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw notAReport(parser, "not an object");
            String app = null;
            List<Entry> entries = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "app" -> app = text(parser, field);
                    case "entries" -> {
                        if (parser.currentToken() != JsonToken.START_ARRAY) throw notAReport(parser, "entries is no array");
                        while (parser.nextToken() == JsonToken.START_OBJECT) entries.add(entry(parser));
                    }
                    default -> parser.skipChildren();
                }
            }
            if (app == null) throw notAReport(parser, "no text field app");
            return new IsolatorReport(app, entries);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to be read", e);
        }
    }

    private static Entry entry(JsonParser parser) throws IOException {
        String isolator = null;
        String outcome = null;
        String detail = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "isolator" -> isolator = text(parser, field);
                case "outcome" -> outcome = text(parser, field);
                case "detail" -> detail = text(parser, field);
                default -> parser.skipChildren();
            }
        }
        if (isolator == null || outcome == null || detail == null) {
            throw notAReport(parser, "an entry needs text fields isolator, outcome and detail");
        }
        try {
            return new Entry(isolator, Outcome.of(outcome), detail);
        } catch (IllegalArgumentException e) {
            throw notAReport(parser, "no outcome " + outcome);
        }
    }

    private static String text(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) throw notAReport(parser, "no text field " + field);
        return parser.getText();
    }

    private static JsonParseException notAReport(JsonParser parser, String why) {
        return new JsonParseException(parser, "not an isolator report: " + why);
    }

    /** Collects entries while a configuration is translated. */
    public static final class Builder {
        private final String app;
        private final List<Entry> entries = new ArrayList<>();

        public Builder(String app) {
            this.app = app;
        }

        public Builder enforced(String isolator, String detail) {
            return add(isolator, Outcome.ENFORCED, detail);
        }

        public Builder modified(String isolator, String detail) {
            return add(isolator, Outcome.MODIFIED, detail);
        }

        public Builder ignored(String isolator, String detail) {
            return add(isolator, Outcome.IGNORED, detail);
        }

        private Builder add(String isolator, Outcome outcome, String detail) {
            entries.add(new Entry(isolator, outcome, detail));
            return this;
        }

        public IsolatorReport build() {
            return new IsolatorReport(app, entries);
        }
    }
}
