package dev.rocket.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Child JVMs running a test's main class on the test class path, as separate {@code rkt} commands would; their
 * output goes to files in {@code work}. {@link #killAll()} after each test.
 */
public final class ChildJvms {

    private final Path work;
    private final List<Process> children = new ArrayList<>();

    public ChildJvms(Path work) {
        this.work = work;
    }

    public Process start(Class<?> main, String... args) throws IOException {
        int n = children.size();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                // sqlite-jdbc unpacks its native library here; a killed child leaves it behind otherwise.
                "-Dorg.sqlite.tmpdir=" + work.resolve("native"),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(work.resolve("native"));
        Process child = new ProcessBuilder(command)
                .redirectOutput(work.resolve("child" + n + ".out").toFile())
                .redirectError(work.resolve("child" + n + ".err").toFile())
                .start();
        children.add(child);
        return child;
    }

    /** Waits for a child, asserts that it succeeded, and returns what it printed. */
    public String finish(Process child) throws Exception {
        int n = children.indexOf(child);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child " + n + " did not finish");
        String err = Files.readString(work.resolve("child" + n + ".err"));
        assertEquals(0, child.exitValue(), "child " + n + " failed: " + err);
        return Files.readString(work.resolve("child" + n + ".out")).strip();
    }

    public void killAll() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
