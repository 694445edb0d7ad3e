package dev.rocket.store;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {

    @Test
    void versionBecomesTheVersionLabelAndOtherLabelsFollowInOrder() throws SpecException {
        ImageReference reference = ImageReference.parse("coreos.com/etcd:v2.0.9,os=linux,arch=amd64");
        assertEquals(new AcIdentifier("coreos.com/etcd"), reference.name());
        assertEquals(List.of("version", "os", "arch"),
                reference.labels().keySet().stream().map(AcIdentifier::value).toList());
        assertEquals("v2.0.9", reference.labels().get(new AcIdentifier("version")));
        assertEquals("coreos.com/etcd:v2.0.9,os=linux,arch=amd64", reference.toString());
    }

    @Test
    void aBareNameHasNoLabels() throws SpecException {
        assertTrue(ImageReference.parse("example.com/app").labels().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Example.com/app", "example.com/app:", "example.com/app,os", "example.com/app,=x",
            "example.com/app,os=linux,os=darwin"})
    void malformedReferencesAreRejectedNamingTheInput(String text) {
        SpecException e = assertThrows(SpecException.class, () -> ImageReference.parse(text));
        assertEquals("image", e.violations().getFirst().path());
        assertEquals(text, e.violations().getFirst().value());
    }
}
