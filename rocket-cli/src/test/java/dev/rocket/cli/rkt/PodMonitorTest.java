package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a running pod leaves on the host, with the real runc and conmon, as root: the pod's process is a shell
 * with one conmon per app and no runtime process, the apps' output reaches the caller's pipes and the logs,
 * nothing is left after a SIGKILL and gc, and without conmon the runtime runs in the foreground instead.
 */
class PodMonitorTest extends PodTest {

    @TempDir
    static Path shared;

    static Path image;

    @BeforeAll
    static void buildImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("monitored"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/monitored",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 6"], "user": "0", "group": "0"}}
                """);
    }

    @Test
    void aRunningPodIsAShellAndOneConmonPerAppWithNoRuntimeOrCopierResident() throws Exception {
        PodTestKit.Started started = kit.start("resident", "--net=none", image.toString(), "--name=one",
                "--exec=/bin/sh", "--", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done",
                "---", image.toString(), "--name=two", "--exec=/bin/sh", "--", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done");
        long pid = started.process().pid();
        List<String> host = PodTestKit.hostSide(pid);
        assertEquals(List.of("conmon", "conmon", "sh"), host, "the host-side processes of pod " + pid);
        assertEquals(0, kit.rkt("stop", started.uuid()).exitCode());
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, started.process().exitValue());
        assertEquals(List.of(), leftOf(started.uuid()), "conmon ends with its app, the stop's grace subshell with the pod");
    }

    @Test
    void outputReachesTheCallersOutputAndErrorAndTheLog() throws Exception {
        Path uuidFile = dir.resolve("uuid");
        PodTestKit.Finished run = kit.run("run", "--net=none", "--uuid-file-save=" + uuidFile, image.toString());
        assertEquals(6, run.exitCode(), run.err());
        assertEquals("to-out\n", run.out());
        assertTrue(run.err().endsWith("to-err\n"), run.err());
        PodTestKit.Finished logs = kit.run("logs", Files.readString(uuidFile).strip());
        assertEquals(Stream.of("to-out", "to-err").sorted().toList(), logs.out().lines().sorted().toList());
    }

    @Test
    void outputTheCallerDiscardsStillReachesTheLog() throws Exception {
        Path uuidFile = dir.resolve("uuid");
        Process process = kit.rktProcess("run", "--net=none", "--uuid-file-save=" + uuidFile, image.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(6, process.exitValue());
        PodTestKit.Finished logs = kit.run("logs", Files.readString(uuidFile).strip());
        assertEquals("to-out\nto-err\n", logs.out());
    }

    @Test
    void sigkillOfThePodProcessThenGcLeavesNoConmonContainerOrCgroup() throws Exception {
        PodTestKit.Started started = kit.start("killed", "--net=none", image.toString(), "--exec=/bin/sh", "--", "-c",
                "while :; do sleep 1; done");
        assertTrue(commandLines().stream().anyMatch(line -> line.startsWith("/usr/bin/conmon") && line.contains(started.uuid())));
        started.process().destroyForcibly();
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        CliRun gc = kit.rkt("gc", "--grace-period=0s");
        assertEquals(0, gc.exitCode(), gc.err());
        kit.assertNothingLeft();
        assertEquals(List.of(), leftOf(started.uuid()));
    }

    @Test
    void withoutConmonTheRuntimeRunsInTheForeground() throws Exception {
        Path uuidFile = dir.resolve("uuid");
        ProcessBuilder builder = kit.rktProcess("run", "--net=none", "--uuid-file-save=" + uuidFile, image.toString(),
                "--exec=/bin/sh", "--", "-c", "echo to-out; echo to-err >&2; exit 6");
        builder.environment().put("PATH", PodTestKit.usrBinWithout(dir.resolve("bin"), "conmon") + ":/usr/sbin:/sbin");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(6, process.exitValue(), err);
        assertEquals("to-out\n", out);
        assertTrue(err.endsWith("to-err\n"), err);
        String uuid = Files.readString(uuidFile).strip();
        try (Stream<Path> files = Files.walk(dir.resolve("pods"))) {
            List<Path> monitor = files.filter(path -> path.toString().contains(uuid + "/stage1/monitor/")).toList();
            assertTrue(monitor.stream().anyMatch(path -> path.endsWith("out")), monitor.toString());
            assertTrue(monitor.stream().noneMatch(path -> path.endsWith("conmon.pid")), "conmon ran: " + monitor);
        }
        PodTestKit.Finished logs = kit.run("logs", uuid);
        assertEquals(Stream.of("to-out", "to-err").sorted().toList(), logs.out().lines().sorted().toList());
    }

    /** The processes naming pod {@code uuid}, once those that are ending have had a few seconds to end. */
    private static List<String> leftOf(String uuid) throws Exception {
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = commandLines().stream().filter(line -> line.contains(uuid)).toList();
            if (left.isEmpty()) break;
            Thread.sleep(100);
        }
        return left;
    }

    private static List<String> commandLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    lines.add(Files.readString(process.resolve("cmdline")).replace('\0', ' '));
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return lines;
    }
}
