package dev.rocket.pod;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Other processes that hold pod locks in tests: child JVMs running a probe's main, and util-linux flock. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Starts {@code main} of the test class path in a fresh JVM; its standard error goes to this one's. */
    static Process jvm(Class<?> main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        return start(command);
    }

    /** {@code flock DIR COMMAND...}: runs the command while holding the exclusive lock on {@code dir}. */
    static Process flock(Path dir, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("flock", dir.toString()));
        line.addAll(List.of(command));
        return start(line);
    }

    /** The next line the process prints. */
    static String readLine(Process process) throws IOException {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) throw new AssertionError("the child process printed nothing and ended with " + exitCode(process));
        return line.strip();
    }

    /**
     * Kills the process and its descendants with SIGKILL (a JVM runs no shutdown hooks) and waits for its end.
     * The descendants first: the command that flock runs inherits the locked descriptor.
     */
    static void kill(Process process) throws Exception {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("process " + process.pid() + " did not die");
        for (ProcessHandle descendant : descendants) descendant.onExit().get(30, TimeUnit.SECONDS);
    }

    static int exitCode(Process process) {
        try {
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
