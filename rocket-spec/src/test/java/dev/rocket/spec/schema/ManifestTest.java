package dev.rocket.spec.schema;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTest {

    static List<Path> examples() {
        return AppcExamples.all();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyAppcExampleParsesAndSurvivesARoundTrip(Path example) throws IOException, SpecException {
        Manifest manifest = Manifest.parse(Files.readString(example));

        assertEquals(manifest, Manifest.parse(manifest.toJson(false)));
        assertEquals(manifest, Manifest.parse(manifest.toJson(true)));
        assertEquals(manifest.toJson(true), Manifest.parse(manifest.toJson(true)).toJson(true));
    }

    @Test
    void tellsTheKindOfADocument() throws SpecException {
        assertEquals(AcKind.IMAGE_MANIFEST, Manifest.kindOf(AppcExamples.read("image.json")));
        assertEquals(AcKind.POD_MANIFEST, Manifest.kindOf(AppcExamples.read("pod_runtime.json")));
        assertInstanceOf(ImageManifest.class, Manifest.parse(AppcExamples.read("image.json")));
        assertInstanceOf(PodManifest.class, Manifest.parse(AppcExamples.read("pod_template.json")));
    }

    @Test
    void anUnknownKindIsReportedAtAcKind() {
        SpecException e = assertThrows(SpecException.class, () -> Manifest.kindOf("{\"acKind\": \"Whatever\"}"));
        assertEquals("$.acKind", e.violations().getFirst().path());
        assertTrue(e.getMessage().contains("\"Whatever\""), e.getMessage());

        SpecException missing = assertThrows(SpecException.class, () -> Manifest.parse("{\"name\": \"x\"}"));
        assertTrue(missing.getMessage().contains("acKind is required"), missing.getMessage());
    }

    @Test
    void textThatIsNotAJsonObjectIsRejected() {
        assertEquals("$", assertThrows(SpecException.class, () -> Manifest.parse("[1]")).violations().getFirst().path());
        assertEquals("$", assertThrows(SpecException.class, () -> Manifest.parse("")).violations().getFirst().path());
        SpecException broken = assertThrows(SpecException.class, () -> Manifest.parse("{\"acKind\": "));
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
        assertTrue(broken.getMessage().contains("line 1"), broken.getMessage());
    }
}
