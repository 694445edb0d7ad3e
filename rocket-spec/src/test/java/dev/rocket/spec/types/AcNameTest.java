package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"database", "product-database", "a", "0", "web-2-b"})
    void acceptsDnsLabelStyleNames(String name) throws SpecException {
        assertEquals(name, AcName.parse(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Database", "-db", "db-", "db--x", "db_x", "db.x", "example.com/db", " db"})
    void rejectsOtherNames(String name) {
        SpecException e = assertThrows(SpecException.class, () -> AcName.parse(name));
        assertTrue(e.getMessage().contains("\"" + name + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("lowercase letters and digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AcName(name));
    }

    @Test
    void rejectsEmpty() {
        assertTrue(assertThrows(SpecException.class, () -> AcName.parse("")).getMessage().contains("must not be empty"));
    }

    @ParameterizedTest
    @CsvSource({
            "Library/My_App:1.0, library-my-app-1-0",
            "nginx, nginx",
            "--Quay.IO//coreos//etcd--, quay-io-coreos-etcd",
            "café, caf",
    })
    void sanitizesAnyTextDeterministically(String text, String expected) throws SpecException {
        assertEquals(expected, AcName.sanitize(text).value());
        assertEquals(AcName.sanitize(text), AcName.sanitize(text));
    }

    @Test
    void sanitizeFailsWhenNothingIsLeft() {
        SpecException e = assertThrows(SpecException.class, () -> AcName.sanitize("__/:"));
        assertTrue(e.getMessage().contains("no ASCII letter or digit"), e.getMessage());
    }
}
