package dev.rocket.cli;

import dev.rocket.cli.rkt.RktCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AOT cache flags bin/lib/java.sh starts every command with: a cache that is missing, not a cache at all, or
 * made for another class path changes nothing a command prints (the JVM ignores it silently), and the training
 * workload runs to its end.
 */
class AotCacheFlagsTest {

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private static Result java(List<String> flags, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        return new Result(process.waitFor(), out, err);
    }

    private static List<String> cache(Path file) {
        return List.of("-XX:AOTCache=" + file, "-Xlog:aot=off", "-Xlog:cds=off");
    }

    @Test
    void aMissingGarbageOrForeignCacheLeavesOutputAndExitCodeAsWithout() throws Exception {
        Result plain = java(List.of(), RktCommand.class.getName(), "version");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals("", plain.err());

        Path garbage = Files.writeString(tmp.resolve("garbage.aot"), "not a cache");
        // a real cache, but of another class path: the JVM must refuse it for this one
        Path jar = tmp.resolve("hello.jar");
        Files.createDirectories(tmp.resolve("empty"));
        Result made = new Result(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(),
                "--create", "--file", jar.toString(), "-C", tmp.resolve("empty").toString(), ".").start().waitFor(), "", "");
        assertEquals(0, made.exit());
        Path foreign = tmp.resolve("foreign.aot");
        Process training = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-XX:AOTCacheOutput=" + foreign, "-Xlog:aot=off", "-Xlog:cds=off", "-cp", jar.toString(), "-version")
                .redirectErrorStream(true).start();
        training.getInputStream().readAllBytes();
        training.waitFor();

        for (Path file : List.of(tmp.resolve("missing.aot"), garbage, foreign)) {
            Result withCache = java(cache(file), RktCommand.class.getName(), "version");
            assertEquals(plain, withCache, file.toString());
            Result failing = java(cache(file), RktCommand.class.getName(), "--dir=" + tmp.resolve("data"), "status", "nope");
            assertEquals(254, failing.exit(), failing.err());
            assertTrue(failing.err().startsWith("rkt: "), failing.err());
            assertEquals(1, failing.err().lines().count(), failing.err());
        }
    }

    @Test
    void theTrainingWorkloadRunsToItsEnd() throws Exception {
        Result training = java(List.of(), AotTraining.class.getName(), tmp.resolve("work").toString());
        assertEquals(0, training.exit(), training.err());
        assertEquals("", training.out());
    }
}
