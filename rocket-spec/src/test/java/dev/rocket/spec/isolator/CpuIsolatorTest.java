package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static dev.rocket.spec.isolator.IsolatorJson.parse;
import static dev.rocket.spec.isolator.IsolatorJson.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuIsolatorTest {

    @Test
    void readsTheSpecExampleInMillicores() throws SpecException {
        CpuIsolator cpu = parse(CpuIsolator.class, "resource/cpu", "{'request': '250m', 'limit': '500m'}");
        assertEquals(Optional.of(Quantity.ofMilli(250)), cpu.request());
        assertEquals(500, cpu.limit().amount());
        assertEquals(json("{'request': '250m', 'limit': '500m'}"), cpu.value());
        assertRoundTrip(cpu);
    }

    @Test
    void readsWholeAndDecimalCores() throws SpecException {
        CpuIsolator cpu = parse(CpuIsolator.class, "resource/cpu", "{'request': '0.5', 'limit': '1.5'}");
        assertEquals(500, cpu.effectiveRequest().amount());
        assertEquals(1500, cpu.limit().amount());
        assertEquals(json("{'request': '500m', 'limit': '1500m'}"), cpu.value());
        assertEquals(json("{'limit': '2'}"), CpuIsolator.of("2000m").value());
    }

    @Test
    void theRequestDefaultsToTheLimit() throws SpecException {
        CpuIsolator cpu = parse(CpuIsolator.class, "resource/cpu", "{'limit': '20m'}");
        assertEquals(Optional.empty(), cpu.request());
        assertEquals(Quantity.ofMilli(20), cpu.effectiveRequest());
        assertEquals(json("{'limit': '20m'}"), cpu.value());
        assertRoundTrip(cpu);
    }

    @Test
    void refusesARequestAboveTheLimit() {
        assertOnlyViolation(refused("resource/cpu", "{'request': '2', 'limit': '1'}"),
                "$.value.request", "2", "must not exceed the limit 1");
        assertThrows(IllegalArgumentException.class,
                () -> new CpuIsolator(Optional.of(Quantity.ofMilli(2)), Quantity.ofMilli(1)));
    }

    @Test
    void refusesFractionsOfAMillicore() {
        assertOnlyViolation(refused("resource/cpu", "{'limit': '0.0001'}"),
                "$.value.limit", "0.0001", "whole number of thousandths");
    }

    @Test
    void refusesByteScaledQuantities() {
        assertThrows(IllegalArgumentException.class, () -> new CpuIsolator(Optional.empty(), Quantity.ofWhole(1)));
    }
}
