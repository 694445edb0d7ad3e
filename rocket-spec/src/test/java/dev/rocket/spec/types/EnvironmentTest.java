package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "_x", "a.b", "A-B", "x1"})
    void acceptsPosixNamesWithDotsAndDashes(String name) throws SpecException {
        assertEquals(name, EnvironmentVariable.parseName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1A", "A=B", "A B", "-A", "É"})
    void rejectsOtherNames(String name) {
        SpecException e = assertThrows(SpecException.class, () -> EnvironmentVariable.parseName(name));
        assertTrue(e.getMessage().contains("letters, digits, _ . and -"), e.getMessage());
    }

    @Test
    void keepsOrderAndUniqueNames() throws SpecException {
        Environment env = Environment.parse(List.of(new EnvironmentVariable("B", "1"), new EnvironmentVariable("A", "")));
        assertEquals(List.of("B=1", "A="), env.list().stream().map(EnvironmentVariable::toString).toList());
        assertEquals("2", env.with("B", "2").get("B").orElseThrow());
        assertEquals(3, env.with("C", "3").list().size());

        SpecException e = assertThrows(SpecException.class,
                () -> Environment.parse(List.of(new EnvironmentVariable("A", "1"), new EnvironmentVariable("A", "2"))));
        assertEquals("$[1].name", e.violations().getFirst().path());
    }
}
