package dev.rocket.spec.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The example manifests of the appc specification, read where the shared reference folder sits beside the
 * repository (never copied into the project).
 */
final class AppcExamples {

    static final Path DIRECTORY = Path.of("../../shared/reference/appc-spec/examples");

    private AppcExamples() {
    }

    static List<Path> all() {
        if (!Files.isDirectory(DIRECTORY)) {
            fail("the appc examples are missing: expected them in " + DIRECTORY.toAbsolutePath().normalize()
                    + " (the shared reference folder beside the repository)");
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Path> examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (examples.isEmpty()) fail("no .json files in " + DIRECTORY.toAbsolutePath().normalize());
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String name) {
        try {
            return Files.readString(all().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no appc example " + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
