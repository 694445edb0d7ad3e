package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotationsTest {

    @Test
    void checksTheRecognisedAnnotations() throws SpecException {
        Annotations ok = Annotations.parse(List.of(Annotation.of("created", "2014-10-27T19:32:27.67021798Z"),
                Annotation.of("homepage", "https://example.com"), Annotation.of("authors", "")));
        assertEquals("", ok.get("authors").orElseThrow());

        SpecException e = assertThrows(SpecException.class, () -> Annotations.parse(List.of(
                Annotation.of("created", "yesterday"), Annotation.of("documentation", "example.com/docs"))));
        assertEquals("$[0].value", e.violations().get(0).path());
        assertEquals("$[1].value", e.violations().get(1).path());
        assertTrue(e.getMessage().contains("\"example.com/docs\": the documentation annotation must be an http or https URL"),
                e.getMessage());
    }

    @Test
    void namesAreUniqueAndWithReplacesInPlace() {
        assertThrows(IllegalArgumentException.class,
                () -> Annotations.of(Annotation.of("a", "1"), Annotation.of("a", "2")));
        Annotations changed = Annotations.of(Annotation.of("a", "1"), Annotation.of("b", "2"))
                .with(new AcIdentifier("a"), "3").with(new AcIdentifier("c"), "4");
        assertEquals(List.of(Annotation.of("a", "3"), Annotation.of("b", "2"), Annotation.of("c", "4")), changed.list());
    }
}
