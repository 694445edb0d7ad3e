package dev.rocket.os.linux;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test class path in a fresh JVM, for calls that change the whole process. */
final class ChildJvm {

    /** What the child printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }

        /** The rest of the line that starts with {@code key} and a space. */
        String value(String key) {
            return lines().stream().filter(line -> line.startsWith(key + " ")).findFirst()
                    .map(line -> line.substring(key.length() + 1).trim())
                    .orElseThrow(() -> new AssertionError("no " + key + " in " + stdout + stderr));
        }
    }

    private ChildJvm() {
    }

    static Result run(Class<?> main, String... arguments) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(main, arguments))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("child JVM did not end");
            return new Result(process.exitValue(), out, err);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The command line that runs {@code main} with {@code arguments} in a JVM like this one. */
    static List<String> command(Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(arguments));
        return command;
    }
}
