package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PodUuidTest {

    @Test
    void writesTheCanonicalLowercaseForm() throws SpecException {
        assertEquals("07f1cfdc-950b-4b6e-a2c0-8fb1ed37f98b", PodUuid.parse("07F1CFDC-950B-4B6E-A2C0-8FB1ED37F98B").toString());
        assertNotEquals(PodUuid.random(), PodUuid.random());
    }

    @ParameterizedTest
    @ValueSource(strings = {"07f1cfdc", "1-2-3-4-5", "07f1cfdc950b4b6ea2c08fb1ed37f98b", "g7f1cfdc-950b-4b6e-a2c0-8fb1ed37f98b"})
    void rejectsOtherForms(String text) {
        assertThrows(SpecException.class, () -> PodUuid.parse(text));
    }
}
