package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pods in crun ({@code --oci-runtime=crun}), as root with the real crun and conmon: the pod's process hides the
 * cgroup2 mount crun refuses to see on a hybrid host, so conmon runs crun directly and no runtime stays beside the
 * app; every later command on the pod uses the runtime it recorded; a runtime not installed is refused at once.
 */
class CrunPodTest extends PodTest {

    @TempDir
    static Path shared;

    static Path image;

    @BeforeAll
    static void buildImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("crun"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/crun",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 6"], "user": "0", "group": "0"}}
                """);
    }

    @BeforeEach
    void needsCrun() {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/crun")), "needs crun (Debian crun; bin/test installs it)");
    }

    @Test
    void aCrunPodRunsUnderConmonWithNoRuntimeResidentAndIsEnteredAndStoppedThroughCrun() throws Exception {
        PodTestKit.Started started = kit.start("resident", "--net=none", "--oci-runtime=crun", image.toString(),
                "--name=loop", "--exec=/bin/sh", "--", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done");
        Path pod = dir.resolve("pods/run/" + started.uuid());
        assertEquals("crun\n", Files.readString(pod.resolve("stage1/oci-runtime")));
        assertTrue(Files.isDirectory(dir.resolve("runtime-crun/" + started.uuid() + "-loop")), "crun keeps the container");
        assertFalse(Files.exists(dir.resolve("runtime/" + started.uuid() + "-loop")), "runc does not");
        assertEquals(List.of("conmon", "sh"), PodTestKit.hostSide(started.process().pid()));
        PodTestKit.Finished enter = kit.run("enter", started.uuid(), "/bin/busybox", "echo", "inside");
        assertEquals(0, enter.exitCode(), enter.err());
        assertEquals("inside\n", enter.out());
        assertEquals(0, kit.rkt("stop", started.uuid()).exitCode());
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, started.process().exitValue());
        assertFalse(Files.exists(dir.resolve("runtime-crun/" + started.uuid() + "-loop")), "the monitor deleted it");
    }

    @Test
    void outputExitCodeAndAnOutOfMemoryKillAreReportedAsUnderRunc() throws Exception {
        Path uuidFile = dir.resolve("uuid");
        PodTestKit.Finished run = kit.run("run", "--net=none", "--oci-runtime=crun", "--uuid-file-save=" + uuidFile,
                image.toString(), "---", image.toString(), "--name=hog", "--memory=16Mi", "--exec=/bin/busybox", "--",
                "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1");
        assertEquals(6, run.exitCode(), run.err());
        assertEquals("to-out\n", run.out());
        assertTrue(run.err().endsWith("to-err\n"), run.err());
        CliRun status = kit.rkt("status", Files.readString(uuidFile).strip());
        assertTrue(status.out().contains("app-crun=6\n"), status.out());
        assertTrue(status.out().contains("app-hog=137\n"), status.out());
        assertTrue(status.out().contains("oom-killed-hog=true\n"), status.out());
    }

    @Test
    void aPodPreparedForCrunRunsInCrunWhateverRunPreparedIsGiven() throws Exception {
        PodTestKit.Finished prepare = kit.run("prepare", "--oci-runtime=crun", image.toString(), "--name=loop",
                "--exec=/bin/sh", "--", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done");
        assertEquals(0, prepare.exitCode(), prepare.err());
        String uuid = prepare.out().strip();
        Process process = kit.rktProcess("run-prepared", "--net=none", uuid)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path container = dir.resolve("runtime-crun/" + uuid + "-loop");
        for (int i = 0; i < 2400 && !Files.isDirectory(container); i++) Thread.sleep(50);
        assertTrue(Files.isDirectory(container), "the prepared pod's app runs in crun");
        for (int i = 0; i < 100 && !kit.rkt("status", uuid).out().contains("pid="); i++) Thread.sleep(100);
        Thread.sleep(500); // the monitor sets its signal handlers right after recording its PID
        assertEquals(0, kit.rkt("stop", uuid).exitCode());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void eventHandlersAndAnInteractiveAppRunInCrunToo() throws Exception {
        Path handlers = PodTestKit.busyboxImage(dir.resolve("handlers"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/handlers",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/sh", "-c", "echo main >> /shared/order"], "user": "0", "group": "0",
                         "eventHandlers": [
                           {"name": "pre-start", "exec": ["/bin/sh", "-c", "echo pre >> /shared/order"]},
                           {"name": "post-stop", "exec": ["/bin/sh", "-c", "echo post >> /shared/order"]}],
                         "mountPoints": [{"name": "shared", "path": "/shared"}]}}
                """);
        Path volume = Files.createDirectory(dir.resolve("volume"));
        PodTestKit.Finished run = kit.run("run", "--net=none", "--oci-runtime=crun", "--volume",
                "shared,kind=host,source=" + volume, handlers.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("pre", "main", "post"), Files.readAllLines(volume.resolve("order")));

        Process process = kit.rktProcess("run", "--net=none", "--oci-runtime=crun", "--interactive", image.toString(),
                "--exec=/bin/sh", "--", "-c", "read line; echo got $line").start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("got hello\n", out);
    }

    @Test
    void sigkillOfACrunPodThenGcLeavesNothing() throws Exception {
        PodTestKit.Started started = kit.start("killed", "--net=none", "--oci-runtime=crun", image.toString(),
                "--exec=/bin/sh", "--", "-c", "while :; do sleep 1; done");
        started.process().destroyForcibly();
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        CliRun gc = kit.rkt("gc", "--grace-period=0s");
        assertEquals(0, gc.exitCode(), gc.err());
        kit.assertNothingLeft();
    }

    @Test
    void aRuntimeThatIsNotInstalledOrNotKnownIsRefusedAndNoPodIsLeft() throws Exception {
        ProcessBuilder builder = kit.rktProcess("run", "--net=none", "--oci-runtime=crun", image.toString());
        builder.environment().put("PATH", PodTestKit.usrBinWithout(dir.resolve("bin"), "crun") + ":/usr/sbin:/sbin");
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue());
        assertTrue(err.endsWith("\nrkt: the OCI runtime crun is not installed: apt-get install crun\n"), err);
        PodTestKit.Finished unknown = kit.run("prepare", "--oci-runtime=podman", image.toString());
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.err().endsWith("rkt: --oci-runtime=podman: expected auto, runc or crun\n"), unknown.err());
        assertEquals("", kit.rkt("list", "--no-legend").out());
    }
}
