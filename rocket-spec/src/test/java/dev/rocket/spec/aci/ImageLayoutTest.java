package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageLayoutTest {

    @TempDir
    Path dir;

    @Test
    void readsTheManifestOfAValidLayout() throws Exception {
        assertEquals("example.com/test", ImageLayout.read(TestArchives.layout(dir)).name().value());
    }

    @Test
    void reportsEveryProblem() throws Exception {
        Files.writeString(dir.resolve("manifest"), "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \"Bad Name\"}");
        Files.writeString(dir.resolve("extra"), "x");
        SpecException e = assertThrows(SpecException.class, () -> ImageLayout.read(dir));
        List<String> paths = e.violations().stream().map(Violation::path).toList();
        assertEquals(List.of("rootfs", "extra", "manifest $.name"), paths, e.getMessage());
    }
}
