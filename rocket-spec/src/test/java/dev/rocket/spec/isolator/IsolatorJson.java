package dev.rocket.spec.isolator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcIdentifier;

import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test fixtures: JSON written with single quotes, parsing through {@link Isolators}, and violation checks. */
final class IsolatorJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private IsolatorJson() {
    }

    /** Reads JSON that may use single quotes: {@code {'limit': '1G'}}. */
    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends Isolator> T parse(Class<T> type, String name, String value) throws SpecException {
        return assertInstanceOf(type, Isolators.parse(new AcIdentifier(name), json(value)));
    }

    static SpecException refused(String name, String value) {
        return assertThrows(SpecException.class, () -> Isolators.parse(new AcIdentifier(name), json(value)));
    }

    /** Asserts that the exception holds exactly one violation, at {@code path}, with that value and rule. */
    static void assertOnlyViolation(SpecException e, String path, String value, String ruleFragment) {
        assertEquals(1, e.violations().size(), () -> "violations: " + e.violations());
        assertViolation(e.violations().getFirst(), path, value, ruleFragment);
    }

    static void assertViolation(Violation v, String path, String value, String ruleFragment) {
        assertEquals(path, v.path(), v::toString);
        assertEquals(value, v.value(), v::toString);
        assertTrue(v.rule().contains(ruleFragment), () -> "rule \"" + v.rule() + "\" should mention \"" + ruleFragment + "\"");
    }

    /** value -> parse -> equal isolator, and the value is stable. */
    static void assertRoundTrip(Isolator isolator) throws SpecException {
        Isolator again = Isolators.parse(isolator.name(), isolator.value());
        assertEquals(isolator, again);
        assertEquals(isolator.value(), again.value());
    }
}
