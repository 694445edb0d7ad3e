package dev.rocket.cli;

import dev.rocket.base.Trace;
import dev.rocket.cli.rkt.RktCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AOT cache flags bin/lib/java.sh starts every command with: a cache that is missing, not a cache at all, or
 * made for another class path changes nothing a command prints (the JVM ignores it silently); the training
 * steps run to their end, rehearsing starts, and leave nothing behind; and bin/lib/java.sh picks each command
 * line's cache.
 */
class AotCacheFlagsTest {

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private static Result java(List<String> flags, String mainClass, String... args) throws Exception {
        return java(flags, Map.of(), mainClass, args);
    }

    private static Result java(List<String> flags, Map<String, String> environment, String mainClass, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
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
    void theTrainingStepsRunToTheirEndAndLeaveNothing() throws Exception {
        Path work = tmp.resolve("work");
        StringBuilder traces = new StringBuilder();
        List<String> steps = new ArrayList<>(List.of("setup"));
        steps.addAll(AotTraining.WORKLOADS);
        for (String step : steps) {
            Result training = java(List.of(), Map.of(Trace.VARIABLE, "1"), AotTraining.class.getName(), step, work.toString());
            assertEquals(0, training.exit(), step + ": " + training.err());
            assertEquals("", training.out(), step);
            traces.append(training.err());
        }
        assertTrue(traces.toString().contains("training: fetched over HTTPS\n"), traces.toString());
        assertEquals(2, traces.toString().lines().filter(line -> line.endsWith("training: a pod shows as running")).count(),
                "list and status each trained on a running pod: " + traces);
        assertTrue(traces.toString().contains("training: fetched over HTTPS, signed\n"), traces.toString());
        // as root, its starts are rehearsed up to the exec of the pod's monitor
        assertTrue(traces.toString().contains("exec of the pod's monitor"), traces.toString());
        // it trusted the key it signed its image with (then fetched the image, checking the signature)
        try (Stream<Path> keys = Files.walk(work.resolve("etc/trustedkeys"))) {
            assertEquals(1, keys.filter(Files::isRegularFile).count());
        }
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(work.toString()));
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains(work.toString())).orElse(false)).toList(), "the HTTPS server is gone");
        try (Stream<Path> cgroups = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            assertEquals(List.of(), cgroups.filter(p -> p.getFileName() != null
                    && p.getFileName().toString().startsWith("rocket-")).toList());
        }
        try (Stream<Path> pods = Files.walk(work.resolve("data/pods"))) {
            assertEquals(List.of(), pods.filter(p -> p.getFileName().toString().matches("[0-9a-f-]{36}")).toList());
        }
    }

    /** The cache bin/lib/java.sh starts a command line with. */
    private static String workload(String tool, String... args) throws Exception {
        Path javaSh = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/lib/java.sh");
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                ". \"$0\" && rocket_aot_workload \"$@\" && echo \"$workload\"", javaSh.toString(), tool));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    @Test
    void theLauncherPicksTheCacheOfTheCommandLinesFamily() throws Exception {
        assertEquals("list", workload("rkt", "list", "--full"));
        assertEquals("list", workload("rkt", "--dir=/x", "--debug", "list"));
        assertEquals("status", workload("rkt", "--dir", "/x", "--insecure-options", "image", "status", "u"));
        assertEquals("image-list", workload("rkt", "image", "list"));
        assertEquals("general", workload("rkt", "image", "rm", "x"));
        assertEquals("start", workload("rkt", "run", "--net=none", "example.com/app"));
        assertEquals("start", workload("rkt", "prepare", "example.com/app"));
        assertEquals("start", workload("rkt", "run-prepared", "u"));
        Path image = Files.writeString(tmp.resolve("local.aci"), "");
        assertEquals("fetch", workload("rkt", "--local-config", "/etc/x", "fetch", image.toString()));
        assertEquals("fetch", workload("rkt", "fetch", "--signature", image + ".asc", "file:///x.aci"));
        assertEquals("fetch-remote", workload("rkt", "fetch", "https://example.com/x.aci"));
        assertEquals("fetch-remote", workload("rkt", "fetch", "--pull-policy", "update", "example.com/app:v1.0"));
        assertEquals("fetch-remote", workload("rkt", "fetch", image.toString(), "docker://busybox"));
        assertEquals("fetch", workload("rkt", "fetch", "--signature")); // its value missing
        assertEquals("general", workload("rkt"));
        assertEquals("general", workload("rkt", "--dir")); // its value missing: picocli will say so
        assertEquals("general", workload("rkt", "version"));
        assertEquals("general", workload("actool", "list"));
        // the caches the launcher trains are the training's steps
        Path javaSh = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/lib/java.sh");
        Process process = new ProcessBuilder("bash", "-c", ". \"$0\" && echo \"${ROCKET_AOT_WORKLOADS[*]}\"",
                javaSh.toString()).start();
        assertEquals(String.join(" ", AotTraining.WORKLOADS), new String(process.getInputStream().readAllBytes()).strip());
    }
}
