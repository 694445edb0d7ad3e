package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsTest {

    @ParameterizedTest
    @CsvSource({"linux, amd64", "linux, aarch64", "freebsd, arm", "darwin, x86_64", "linux, ''"})
    void acceptsKnownOsArchPairs(String os, String arch) throws SpecException {
        List<Label> labels = arch.isEmpty() ? List.of(Label.of("os", os)) : List.of(Label.of("os", os), Label.of("arch", arch));
        assertEquals(os, Labels.parse(labels).get("os").orElseThrow());
    }

    @Test
    void archWithoutOsIsAccepted() throws SpecException {
        assertEquals("sparc", Labels.parse(List.of(Label.of("arch", "sparc"))).get("arch").orElseThrow());
    }

    @Test
    void reportsEveryProblemWithItsIndex() {
        SpecException e = assertThrows(SpecException.class, () -> Labels.parse(List.of(
                Label.of("name", "x"), Label.of("os", "darwin"), Label.of("arch", "amd64"), Label.of("os", "linux"))));

        assertEquals(List.of("$[0].name", "$[3].name", "$[2].value"), e.violations().stream().map(Violation::path).toList());
        assertTrue(e.getMessage().contains("unknown arch for os darwin: must be one of i386, x86_64"), e.getMessage());
    }

    @Test
    void valuesMustNotBeEmpty() {
        assertThrows(IllegalArgumentException.class, () -> Label.of("version", ""));
    }

    @Test
    void writesCommandLineForm() {
        assertEquals("version=1.0,os=linux", Labels.of(Label.of("version", "1.0"), Label.of("os", "linux")).toString());
    }
}
