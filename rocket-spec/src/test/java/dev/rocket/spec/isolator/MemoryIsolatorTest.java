package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.assertViolation;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static dev.rocket.spec.isolator.IsolatorJson.parse;
import static dev.rocket.spec.isolator.IsolatorJson.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryIsolatorTest {

    @Test
    void readsTheSpecExampleInBytes() throws SpecException {
        MemoryIsolator memory = parse(MemoryIsolator.class, "resource/memory", "{'request': '1G', 'limit': '2G'}");
        assertEquals(1_000_000_000L, memory.effectiveRequest().amount());
        assertEquals(2_000_000_000L, memory.limit().amount());
        assertRoundTrip(memory);
    }

    @Test
    void writesTheCanonicalForm() throws SpecException {
        MemoryIsolator memory = parse(MemoryIsolator.class, "resource/memory",
                "{'request': '125952Ki', 'limit': '0.5Gi'}");
        assertEquals(json("{'request': '123Mi', 'limit': '512Mi'}"), memory.value());
        assertEquals(MemoryIsolator.of("536870912"), new MemoryIsolator(Optional.empty(), memory.limit()));
    }

    @Test
    void refusesAMissingLimit() {
        assertOnlyViolation(refused("resource/memory", "{'request': '1G'}"), "$.value.limit", null, "required");
    }

    @Test
    void reportsEveryProblemOfTheValue() {
        SpecException e = refused("resource/memory", "{'request': '-1G', 'limit': 1000, 'limits': '2G'}");
        assertEquals(3, e.violations().size(), e::getMessage);
        assertViolation(e.violations().get(0), "$.value.limits", null, "unknown field of resource/memory");
        assertViolation(e.violations().get(1), "$.value.request", "-1G", "must not be negative");
        assertViolation(e.violations().get(2), "$.value.limit", "1000", "must be a JSON string");
    }

    @Test
    void refusesValuesThatAreNotObjects() {
        assertOnlyViolation(refused("resource/memory", "'1G'"), "$.value", "\"1G\"", "must be a JSON object");
        assertOnlyViolation(refused("resource/memory", "null"), "$.value", "null", "must be a JSON object");
    }

    @Test
    void refusesOverflowNamingTheValue() {
        assertOnlyViolation(refused("resource/memory", "{'limit': '16Ei'}"), "$.value.limit", "16Ei", "at most");
    }

    @Test
    void refusesMillicoreQuantities() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryIsolator(Optional.empty(), Quantity.ofMilli(1)));
        assertThrows(IllegalArgumentException.class, () -> new MemoryIsolator(null, Quantity.ofWhole(1)));
    }
}
