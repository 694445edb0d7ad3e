package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rkt run} of a real busybox image with the real runc, as root. rkt replaces its JVM with the pod, so
 * every run is a child JVM on the test class path; status, list and gc then look at it in-process.
 */
class RunCommandTest extends PodTest {

    @TempDir
    static Path shared;

    static Path image;

    @BeforeAll
    static void buildBusyboxImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("busybox"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/busybox",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/sh", "-c", "echo hello from the pod"], "user": "user", "group": "user",
                         "environment": [{"name": "GREETING", "value": "hi"}]}}
                """);
    }

    private CliRun rkt(String... args) {
        return kit.rkt(args);
    }

    private ProcessBuilder rktProcess(String... args) {
        return kit.rktProcess(args);
    }

    private PodTestKit.Finished run(String... args) throws Exception {
        return kit.run(args);
    }

    @Test
    void runsTheImagesAppAsItsUserAndPassesItsExitCode() throws Exception {
        PodTestKit.Finished plain = run("run", image.toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals("hello from the pod\n", plain.out());

        Path uuidFile = dir.resolve("uuid");
        PodTestKit.Finished custom = run("run", "--uuid-file-save=" + uuidFile, image.toString(), "--exec=/bin/sh", "--",
                "-c", "echo \"$(id -u):$(id -g) $GREETING $AC_APP_NAME $(hostname) $(pwd)\"; exit 7");
        assertEquals(7, custom.exitCode(), custom.err());
        String uuid = Files.readString(uuidFile).trim();
        assertEquals("1000:1000 hi busybox rkt-" + uuid + " /\n", custom.out());

        CliRun status = rkt("status", uuid);
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().startsWith("state=exited\n"), status.out());
        assertTrue(status.out().contains("app-busybox=7\n"), status.out());
        assertTrue(rkt("list", "--no-legend").out().contains(uuid.substring(0, 8)));
    }

    private record Started(Process process, String uuid) {
    }

    /** Starts a pod running {@code script} and waits until it shows as running with its process recorded. */
    private Started startPod(String name, String script) throws Exception {
        PodTestKit.Started started = kit.start(name, image.toString(), "--exec=/bin/sh", "--", "-c", script);
        return new Started(started.process(), started.uuid());
    }

    private static final String HANDLES_TERM = "trap 'exit 143' TERM; while :; do sleep 1; done";

    @Test
    void stopAndCatManifestOfARunningPod() throws Exception {
        Started gentle = startPod("gentle", HANDLES_TERM);
        CliRun manifest = rkt("cat-manifest", gentle.uuid());
        assertEquals(0, manifest.exitCode(), manifest.err());
        assertTrue(manifest.out().contains("\"busybox\""), manifest.out());
        CliRun stop = rkt("stop", gentle.uuid());
        assertEquals(0, stop.exitCode(), stop.err());
        assertEquals("\"" + gentle.uuid() + "\"\n", stop.out());
        assertTrue(gentle.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, gentle.process().exitValue());

        Started stubborn = startPod("stubborn", "trap '' TERM; while :; do sleep 1; done");
        assertEquals(0, rkt("stop", "--force", stubborn.uuid()).exitCode());
        assertTrue(stubborn.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, stubborn.process().exitValue());
        CliRun again = rkt("stop", stubborn.uuid());
        assertEquals(CommandRunner.EXIT_FAILURE, again.exitCode());
        assertTrue(again.err().contains("not running"), again.err());
    }

    @Test
    void sigtermStopsThePodAndItIsRecorded() throws Exception {
        Started started = startPod("term", HANDLES_TERM);
        Process process = started.process();
        String uuid = started.uuid();
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not stop the pod");
        assertEquals(0, rkt("status", "--wait=10s", uuid).exitCode());
        CliRun status = rkt("status", uuid);
        assertTrue(status.out().contains("state=exited"), status.out());
        assertTrue(status.out().contains("app-busybox=143"), status.out());
    }

    @Test
    void twentyPodsStartedAtOnceAllRunAndAreCollected() throws Exception {
        assertEquals(0, run("fetch", image.toString()).exitCode());
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            processes.add(rktProcess("run", "example.com/busybox", "--exec=/bin/sh", "--", "-c", "exit " + (i % 7))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            assertTrue(processes.get(i).waitFor(300, TimeUnit.SECONDS), "pod " + i + " did not end");
            assertEquals(i % 7, processes.get(i).exitValue(), "pod " + i);
        }
        String list = rkt("list", "--no-legend").out();
        assertEquals(20, list.lines().filter(line -> line.contains("exited")).count(), list);
        assertEquals(0, rkt("gc", "--grace-period=0s").exitCode());
        nothingIsLeftBehindAfterGc();
    }

    @Test
    void prepareThenRunPrepared() throws Exception {
        CliRun prepare = rkt("prepare", image.toString(), "--exec=/bin/sh", "--", "-c", "echo prepared; exit 4");
        assertEquals(0, prepare.exitCode(), prepare.err());
        String uuid = prepare.out().trim();
        assertTrue(rkt("status", uuid).out().startsWith("state=prepared"), rkt("status", uuid).out());
        PodTestKit.Finished run = run("run-prepared", uuid);
        assertEquals(4, run.exitCode(), run.err());
        assertEquals("prepared\n", run.out());
        PodTestKit.Finished again = run("run-prepared", uuid);
        assertEquals(CommandRunner.EXIT_FAILURE, again.exitCode());
        assertTrue(again.err().contains("already started"), again.err());
    }

    @Test
    void badInputLeavesNoPod() throws Exception {
        for (String[] args : new String[][]{{"run", "--pull-policy=never", "example.com/not-fetched"}, {"run", "--net=bridge", image.toString()},
                {"run", image.toString(), "--user-nonsense=1"}, {"run", image.toString(), "---", image.toString()}, {"run", dir.resolve("missing.aci").toString()}}) {
            PodTestKit.Finished run = run(args);
            assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        assertEquals("", rkt("list", "--no-legend").out());
    }

    @Test
    void gcCleansUpAfterSigkillOfThePodProcess() throws Exception {
        Started started = startPod("killed", "while :; do sleep 1; done");
        started.process().destroyForcibly();
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        String uuid = started.uuid();
        assertTrue(rkt("status", uuid).out().startsWith("state=exited"), "a pod whose process is gone has exited");
        CliRun gc = rkt("gc", "--grace-period=0s");
        assertEquals(0, gc.exitCode(), gc.err());
        assertTrue(gc.err().contains(uuid), gc.err());
        nothingIsLeftBehindAfterGc();
    }

    @Test
    void nothingIsLeftBehindAfterGc() throws Exception {
        assertEquals(0, run("run", image.toString()).exitCode());
        assertEquals(0, rkt("gc", "--grace-period=0s").exitCode());
        kit.assertNothingLeft();
    }
}
