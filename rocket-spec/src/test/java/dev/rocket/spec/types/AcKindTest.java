package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcKindTest {

    @Test
    void knowsTheDefinedKinds() throws SpecException {
        assertEquals(AcKind.IMAGE_MANIFEST, AcKind.parse("ImageManifest"));
        assertTrue(AcKind.parse("PodManifest").isDefined());
        assertFalse(AcKind.parse("Other2").isDefined());
    }

    @Test
    void rejectsEmptyAndNonAlphanumericKinds() {
        assertThrows(SpecException.class, () -> AcKind.parse(""));
        assertTrue(assertThrows(SpecException.class, () -> AcKind.parse("Image-Manifest")).getMessage()
                .contains("letters and digits"));
    }
}
