package dev.rocket.spec.types;

import dev.rocket.spec.AppcSpec;
import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.8.11", "1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
            "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-x-y-z.--", "10.20.30"})
    void parsesSemVerAndWritesItBackUnchanged(String text) throws SpecException {
        assertEquals(text, AcVersion.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.1.1", "1.01.1", "1.1.01", "1.2.3-01", "1.2.3-",
            "1.2.3+", "v1.2.3", "1.2.3-a..b", "1.2.3+a_b", "99999999999999999999.0.0"})
    void rejectsWhatSemVerDoesNotAllow(String text) {
        SpecException e = assertThrows(SpecException.class, () -> AcVersion.parse(text));
        assertEquals("acVersion", e.violations().getFirst().path());
    }

    @Test
    void ordersByPrecedence() {
        List<String> ascending = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0");
        for (int i = 1; i < ascending.size(); i++) {
            AcVersion lower = AcVersion.of(ascending.get(i - 1));
            AcVersion higher = AcVersion.of(ascending.get(i));
            assertTrue(lower.compareTo(higher) < 0, lower + " < " + higher);
            assertTrue(higher.compareTo(lower) > 0, higher + " > " + lower);
        }
    }

    @Test
    void buildMetadataDoesNotCountForPrecedenceButForEquality() {
        AcVersion a = AcVersion.of("1.0.0+a");
        AcVersion b = AcVersion.of("1.0.0+b");
        assertEquals(0, a.compareTo(b));
        assertNotEquals(a, b);
    }

    @Test
    void compatibilityIsTheMajorSeries() {
        assertEquals(AppcSpec.VERSION, AcVersion.CURRENT.toString());
        assertTrue(AcVersion.of("0.3.0").isCompatibleWith(AcVersion.CURRENT));
        assertFalse(AcVersion.of("1.30.0").isCompatibleWith(AcVersion.CURRENT));
    }
}
