package dev.rocket.cli.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the processor refuses: every annotation or attribute it does not translate fails the compilation. */
class CommandSpecProcessorTest {

    @TempDir
    Path dir;

    @Test
    void aTranslatedCommandCompilesWithItsSpec() throws IOException {
        List<String> errors = compile("""
                @Command(name = "demo", description = "A demo.")
                class Demo implements Runnable {
                    @Option(names = "--count", paramLabel = "N", description = "How many.") int count = 3;
                    @Parameters(arity = "0..*", paramLabel = "FILE") java.util.List<String> files;
                    public void run() { }
                }
                """);
        assertEquals(List.of(), errors);
        assertTrue(Files.exists(dir.resolve("out/demo/Demo_Spec.class")));
    }

    @Test
    void anUntranslatedAttributeFailsTheBuild() throws IOException {
        List<String> errors = compile("""
                @Command(name = "demo")
                class Demo implements Runnable {
                    @Option(names = "--count", required = true) int count;
                    public void run() { }
                }
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().contains("@Option(required = ...) is not translated"), errors.getFirst());
    }

    @Test
    void anUntranslatedCommandAttributeFailsTheBuild() throws IOException {
        List<String> errors = compile("""
                @Command(name = "demo", version = "1.0")
                class Demo implements Runnable {
                    public void run() { }
                }
                """);
        assertFalse(errors.isEmpty());
        assertTrue(errors.getFirst().contains("@Command(version = ...) is not translated"), errors.getFirst());
    }

    @Test
    void anUntranslatedAnnotationFailsTheBuild() throws IOException {
        List<String> errors = compile("""
                @Command(name = "demo")
                class Demo implements Runnable {
                    @Unmatched java.util.List<String> rest;
                    public void run() { }
                }
                """);
        assertFalse(errors.isEmpty());
        assertTrue(errors.getFirst().contains("@Unmatched is not translated"), errors.getFirst());
    }

    @Test
    void aPrivateFieldFailsTheBuild() throws IOException {
        List<String> errors = compile("""
                @Command(name = "demo")
                class Demo implements Runnable {
                    @Option(names = "--count") private int count;
                    public void run() { }
                }
                """);
        assertFalse(errors.isEmpty());
        assertTrue(errors.getFirst().contains("not private"), errors.getFirst());
    }

    /** rocket-cli's BoundField as far as the generated code uses it (rocket-cli is built after this module). */
    private static final String BOUND_FIELD = """
            package dev.rocket.cli.spec;
            import picocli.CommandLine.Model.*;
            public final class BoundField implements IGetter, ISetter {
                public enum Kind { OPTION, PARAMETERS, MIXIN, SPEC, PARENT_COMMAND }
                public interface Fields { Object get(int field); void set(int field, Object value); }
                public BoundField(Fields fields, int index, Kind kind, String name, String toString) { }
                public <T> T get() { return null; }
                public <T> T set(T value) { return null; }
            }
            """;

    /** Compiles {@code body} (in package demo, with picocli's annotations imported); the error messages. */
    private List<String> compile(String body) throws IOException {
        Path source = dir.resolve("src/demo/Demo.java");
        Path boundField = dir.resolve("src/dev/rocket/cli/spec/BoundField.java");
        Files.createDirectories(boundField.getParent());
        Files.writeString(boundField, BOUND_FIELD);
        Files.createDirectories(source.getParent());
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(source, "package demo;\nimport picocli.CommandLine.*;\n" + body);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("-proc:full", "-processor", CommandSpecProcessor.class.getName(),
                    "-classpath", System.getProperty("java.class.path"), "-d", dir.resolve("out").toString(),
                    "-s", dir.resolve("out").toString());
            compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source, boundField)).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null))
                .toList();
    }
}
