package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pods of several apps with the real runc, as root: shared volumes and namespaces, event handlers, per-app
 * flags, overlay roots, and bad input that leaves nothing behind.
 */
class PodAppsTest extends PodTest {

    @TempDir
    static Path shared;

    /** A busybox image whose app has pre-start and post-stop handlers logging to the volume at /shared. */
    static Path image;

    @BeforeAll
    static void buildImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("handlers"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/handlers",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/sh", "-c", "echo main-$AC_APP_NAME >> /shared/order"], "user": "0", "group": "0",
                         "eventHandlers": [
                           {"name": "pre-start", "exec": ["/bin/sh", "-c", "echo pre-$AC_APP_NAME >> /shared/order"]},
                           {"name": "post-stop", "exec": ["/bin/sh", "-c", "echo post-$AC_APP_NAME >> /shared/order"]}],
                         "mountPoints": [{"name": "shared", "path": "/shared"}]}}
                """, rootfs -> {
            Files.createDirectories(rootfs.resolve("home/user"));
            Files.writeString(rootfs.resolve("home/user/owned"), "mine\n");
            Files.setAttribute(rootfs.resolve("home/user/owned"), "unix:uid", 1000);
            Files.setAttribute(rootfs.resolve("home/user/owned"), "unix:gid", 50);
        });
    }

    @Test
    void twoAppsShareAVolumeAndTheirNamespacesAndRunTheirHandlersInOrder() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        Path uuidFile = dir.resolve("uuid");
        PodTestKit.Finished run = kit.run("run", "--uuid-file-save=" + uuidFile, "--set-env=POD=pod-wide",
                "--volume", "shared,kind=host,source=" + volume,
                image.toString(), "--name=writer", "--exec=/bin/sh", "--", "-c",
                "hostname > /shared/hostname; echo data > /shared/file",
                "---", image.toString(), "--name=reader", "--working-dir=/etc", "--environment=ONLY=reader",
                "--exec=/bin/sh", "--", "-c",
                "while [ ! -f /shared/file ]; do sleep 0.1; done; echo \"$(cat /shared/file) $POD $ONLY $(pwd) $(hostname)\"; exit 5");
        assertEquals(5, run.exitCode(), run.err());
        String uuid = Files.readString(uuidFile).trim();
        assertEquals("data pod-wide reader /etc rkt-" + uuid + "\n", run.out());
        assertEquals("rkt-" + uuid + "\n", Files.readString(volume.resolve("hostname")), "one UTS namespace for the pod");

        List<String> order = Files.readAllLines(volume.resolve("order"));
        for (String app : List.of("writer", "reader")) {
            List<String> own = order.stream().filter(line -> line.endsWith("-" + app)).toList();
            assertEquals(List.of("pre-" + app, "post-" + app), own, "handlers of " + app + " in " + order);
        }
        CliRun status = kit.rkt("status", uuid);
        assertTrue(status.out().contains("app-writer=0\n") && status.out().contains("app-reader=5\n"), status.out());
        Path log = Files.list(dir.resolve("pods")).flatMap(PodAppsTest::list)
                .map(pod -> pod.resolve("logs/reader")).filter(Files::exists).findFirst().orElseThrow();
        assertTrue(Files.readString(log).contains("data pod-wide reader"), Files.readString(log));
    }

    @Test
    void aFailingPreStartHandlerKeepsItsAppFromStarting() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        Files.createDirectory(volume.resolve("order")); // the handlers' >> /shared/order fails on a directory
        PodTestKit.Finished run = kit.run("run", "--volume", "shared,kind=host,source=" + volume,
                image.toString(), "--exec=/bin/sh", "--", "-c", "touch /shared/started");
        assertTrue(run.exitCode() != 0, run.out());
        assertFalse(Files.exists(volume.resolve("started")), "the app ran although its pre-start handler failed");
    }

    @Test
    void userAndGroupByNumberNameAndFileAndAReadOnlyRoot() throws Exception {
        PodTestKit.Finished byName = kit.run("run", "--volume", "shared,kind=empty,mode=0777", image.toString(), "--user=user",
                "--group=staff", "--supplementary-gids=7,8", "--exec=/bin/sh", "--", "-c", "echo $(id -u) $(id -g) $(id -G)");
        assertEquals(0, byName.exitCode(), byName.err());
        assertEquals("1000 50 50 7 8\n", byName.out());
        PodTestKit.Finished byFile = kit.run("run", "--volume", "shared,kind=empty,mode=0777", image.toString(),
                "--user=/home/user/owned", "--group=/home/user/owned", "--exec=/bin/sh", "--", "-c", "echo $(id -u) $(id -g)");
        assertEquals("1000 50\n", byFile.out(), byFile.err());
        PodTestKit.Finished readOnly = kit.run("run", "--volume", "shared,kind=empty", image.toString(), "--readonly-rootfs",
                "--user=0", "--exec=/bin/sh", "--", "-c", "touch /x 2>/dev/null && echo written || echo refused; touch /shared/y && echo volume");
        assertEquals("refused\nvolume\n", readOnly.out(), readOnly.err());
    }

    @Test
    void theRootIsAnOverlayOfTheTreeAndNoOverlayCopies() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        PodTestKit.Started started = kit.start("overlay", "--volume", "shared,kind=host,source=" + volume, image.toString(),
                "--exec=/bin/sh", "--", "-c", "echo changed > /bin/added; while :; do sleep 1; done");
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertTrue(mounts.lines().anyMatch(line -> line.contains(started.uuid()) && line.contains(" overlay ")), mounts);
        assertEquals(0, kit.rkt("stop", "--force", started.uuid()).exitCode());
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        try (var trees = Files.walk(dir.resolve("cas/tree"))) {
            assertFalse(trees.anyMatch(path -> path.getFileName().toString().equals("added")), "the tree was changed");
        }
        PodTestKit.Finished copied = kit.run("run", "--no-overlay", "--volume", "shared,kind=host,source=" + volume,
                image.toString(), "--exec=/bin/sh", "--", "-c", "cat /home/user/owned");
        assertEquals("mine\n", copied.out(), copied.err());
    }

    @Test
    void badPodsAreRefusedAndLeaveNothing() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), volume);
        String host = "shared,kind=host,source=" + volume;
        String[][] cases = {
                {"run", "--volume", host, image.toString(), "---", image.toString()},
                {"run", "--volume", host, image.toString(), "--mount", "volume=other,target=/other"},
                {"run", "--volume", "shared,kind=host,source=" + dir.resolve("missing"), image.toString()},
                {"run", "--volume", "shared,kind=host,source=" + link, image.toString()},
                {"run", "--volume", host, "--volume", "other,kind=empty", image.toString(), "--mount", "volume=other,target=/shared/sub"},
                {"run", "--volume", "shared,kind=nfs", image.toString()},
                {"run", "--volume", host, image.toString(), "--frobnicate=1"},
                {"run", "--volume", host, "--interactive", image.toString(), "---", image.toString(), "--name=two"},
                {"run", "--pod-manifest", Files.writeString(dir.resolve("pod.json"), "{\"acKind\": \"PodManifest\"}").toString()},
        };
        for (String[] args : cases) {
            PodTestKit.Finished run = kit.run(args);
            assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().strip().lines().filter(line -> !line.contains("warning")).findFirst().orElseThrow().startsWith("rkt: "), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        assertEquals("", kit.rkt("list", "--no-legend").out());
    }

    @Test
    void aPodManifestRunsAsWritten() throws Exception {
        assertEquals(0, kit.rkt("fetch", image.toString()).exitCode());
        CliRun ids = kit.rkt("image", "list", "--full", "--no-legend", "--fields=id");
        String id = ids.out().strip();
        Path manifest = Files.writeString(dir.resolve("pod.json"), """
                {"acKind": "PodManifest", "acVersion": "0.8.11",
                 "apps": [{"name": "only", "image": {"id": "%s"},
                           "app": {"exec": ["/bin/sh", "-c", "echo from the manifest; exit 9"], "user": "0", "group": "0"},
                           "mounts": [{"volume": "scratch", "path": "/shared"}]}],
                 "volumes": [{"name": "scratch", "kind": "empty"}]}
                """.formatted(id));
        PodTestKit.Finished run = kit.run("run", "--pod-manifest=" + manifest);
        assertEquals(9, run.exitCode(), run.err());
        assertEquals("from the manifest\n", run.out());
    }

    @Test
    void enterLogsAndExport() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        PodTestKit.Started started = kit.start("entered", "--volume", "shared,kind=host,source=" + volume, image.toString(),
                "--name=web", "--exec=/bin/sh", "--", "-c",
                "echo to-the-log; echo exported > /etc/made-by-app; trap 'exit 0' TERM; while :; do sleep 1; done");
        CliRun ready = kit.rkt("status", "--wait-ready=30s", started.uuid());
        assertTrue(ready.out().startsWith("state=running"), ready.out() + ready.err());
        PodTestKit.Finished enter = kit.run("enter", started.uuid(), "/bin/sh", "-c", "echo $AC_APP_NAME; cat /etc/made-by-app");
        assertEquals(0, enter.exitCode(), enter.err());
        assertEquals("web\nexported\n", enter.out());
        PodTestKit.Finished noApp = kit.run("enter", "--app=nope", started.uuid());
        assertEquals(CommandRunner.EXIT_FAILURE, noApp.exitCode());
        assertTrue(noApp.err().contains("no app nope"), noApp.err());

        assertEquals(0, kit.rkt("stop", started.uuid()).exitCode());
        assertTrue(started.process().waitFor(30, TimeUnit.SECONDS));
        PodTestKit.Finished logs = kit.run("logs", started.uuid());
        assertEquals("to-the-log\n", logs.out(), logs.err());

        Path exported = dir.resolve("web.aci");
        CliRun export = kit.rkt("export", started.uuid(), exported.toString());
        assertEquals(0, export.exitCode(), export.err());
        Process tar = new ProcessBuilder("tar", "-tzf", exported.toString()).start();
        String entries = new String(tar.getInputStream().readAllBytes());
        assertTrue(entries.lines().anyMatch(line -> line.equals("rootfs/etc/made-by-app")), entries);
        assertTrue(entries.lines().anyMatch(line -> line.equals("manifest")), entries);
        CliRun again = kit.rkt("export", started.uuid(), exported.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, again.exitCode(), "an existing file is kept without --overwrite");
    }

    @Test
    void interactiveGivesTheAppStandardInput() throws Exception {
        Process process = kit.rktProcess("run", "--interactive", "--volume", "shared,kind=empty", image.toString(),
                "--exec=/bin/sh", "--", "-c", "read line; echo got $line").start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("hello\n".getBytes());
        }
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes()));
        assertEquals("got hello\n", out);
    }

    @Test
    void isolatorFlagsOfAnAppReachItAndItsReport() throws Exception {
        Path uuidFile = dir.resolve("uuid");
        PodTestKit.Finished run = kit.run("run", "--uuid-file-save=" + uuidFile, "--volume", "shared,kind=empty", image.toString(),
                "--caps-retain=CAP_NET_BIND_SERVICE", "--memory=64M", "--exec=/bin/sh", "--", "-c",
                "grep -E '^(CapBnd|Seccomp):' /proc/self/status");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("CapBnd:\t0000000000000400\nSeccomp:\t2\n", run.out());
        CliRun status = kit.rkt("status", Files.readString(uuidFile).strip());
        assertTrue(status.out().contains("isolators-handlers="), status.out());
        assertTrue(status.out().contains("resource/memory"), status.out());
        PodTestKit.Finished both = kit.run("run", image.toString(), "--caps-retain=CAP_KILL", "--caps-remove=CAP_KILL");
        assertEquals(CommandRunner.EXIT_FAILURE, both.exitCode(), both.err());
    }

    @Test
    void oomScoreAdjustOfAnAppSurvivesPrepareAndRunPrepared() throws Exception {
        PodTestKit.Finished run = kit.run("run", "--volume", "shared,kind=empty", image.toString(),
                "--oom-score-adjust=321", "--exec=/bin/sh", "--", "-c", "read adj < /proc/self/oom_score_adj; echo $adj");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("321\n", run.out());

        CliRun prepare = kit.rkt("prepare", "--volume", "shared,kind=empty", image.toString(), "--name=first",
                "--oom-score-adjust", "17", "--exec=/bin/sh", "--", "-c", "read adj < /proc/self/oom_score_adj; echo $adj");
        assertEquals(0, prepare.exitCode(), prepare.err());
        PodTestKit.Finished prepared = kit.run("run-prepared", prepare.out().strip());
        assertEquals(0, prepared.exitCode(), prepared.err());
        assertEquals("17\n", prepared.out());

        PodTestKit.Finished outOfRange = kit.run("run", image.toString(), "--oom-score-adjust=1001");
        assertEquals(CommandRunner.EXIT_FAILURE, outOfRange.exitCode());
        assertTrue(outOfRange.err().contains("from -1000 to 1000"), outOfRange.err());
    }

    @Test
    void podIsolatorsLimitThePodsCgroupAboveItsAppsAndGcRemovesIt() throws Exception {
        assertEquals(0, kit.rkt("fetch", image.toString()).exitCode());
        String id = kit.rkt("image", "list", "--full", "--no-legend", "--fields=id").out().strip();
        Path volume = Files.createDirectory(dir.resolve("volume"));
        Path manifest = Files.writeString(dir.resolve("pod.json"), """
                {"acKind": "PodManifest", "acVersion": "0.8.11",
                 "apps": [{"name": "bounded", "image": {"id": "%s"},
                           "app": {"exec": ["/bin/sh", "-c", "while [ ! -f /shared/stop ]; do sleep 0.1; done"],
                                   "user": "0", "group": "0"},
                           "mounts": [{"volume": "shared", "path": "/shared"}]}],
                 "volumes": [{"name": "shared", "kind": "host", "source": "%s"}],
                 "isolators": [{"name": "resource/memory", "value": {"limit": "48Mi"}},
                               {"name": "resource/cpu", "value": {"limit": "500m"}}]}
                """.formatted(id, volume));
        PodTestKit.Started started = kit.start("bounded", "--pod-manifest=" + manifest);
        Path memoryPod = ownCgroup("memory").resolve("rocket-" + started.uuid());
        Path cpuPod = ownCgroup("cpu").resolve("rocket-" + started.uuid());
        try {
            assertEquals("50331648", Files.readString(memoryPod.resolve("memory.limit_in_bytes")).strip());
            assertEquals("50000", Files.readString(cpuPod.resolve("cpu.cfs_quota_us")).strip());
            assertTrue(Files.isDirectory(memoryPod.resolve("bounded")), "the app's cgroup is below the pod's");
            assertTrue(Files.isDirectory(cpuPod.resolve("bounded")), "the app's cgroup is below the pod's");
        } finally {
            Files.createFile(volume.resolve("stop"));
            assertTrue(started.process().waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, kit.rkt("gc", "--grace-period=0s").exitCode());
        assertFalse(Files.exists(memoryPod), memoryPod + " is left after gc");
        assertFalse(Files.exists(cpuPod), cpuPod + " is left after gc");
    }

    @Test
    void podNetworkBandwidthShapesThePodsInterfaceBothWaysUntilGc() throws Exception {
        assertEquals(0, kit.rkt("fetch", image.toString()).exitCode());
        String id = kit.rkt("image", "list", "--full", "--no-legend", "--fields=id").out().strip();
        Path volume = Files.createDirectory(dir.resolve("volume"));
        Path manifest = Files.writeString(dir.resolve("pod.json"), """
                {"acKind": "PodManifest", "acVersion": "0.8.11",
                 "apps": [{"name": "shaped", "image": {"id": "%s"},
                           "app": {"exec": ["/bin/sh", "-c", "while [ ! -f /shared/stop ]; do sleep 0.1; done"],
                                   "user": "0", "group": "0"},
                           "mounts": [{"volume": "shared", "path": "/shared"}]}],
                 "volumes": [{"name": "shared", "kind": "host", "source": "%s"}],
                 "isolators": [{"name": "resource/network-bandwidth", "value": {"default": true, "limit": "1M"}}]}
                """.formatted(id, volume));
        PodTestKit.Started started = kit.start("shaped", "--pod-manifest=" + manifest);
        try {
            String qdiscs = command("tc", "qdisc", "show");
            assertTrue(qdiscs.lines().filter(l -> l.contains("tbf") && l.contains("rate 8Mbit")).count() >= 2,
                    "a token bucket at 8 Mbit/s each way (host veth and its ifb mirror): " + qdiscs);
            String status = kit.rkt("status", started.uuid()).out();
            assertTrue(status.contains("resource/network-bandwidth:enforced"), status);
        } finally {
            Files.createFile(volume.resolve("stop"));
            assertTrue(started.process().waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, kit.rkt("gc", "--grace-period=0s").exitCode());
        assertFalse(command("ip", "-o", "link", "show", "type", "ifb").contains("bwp"), "the ifb mirror is left after gc");
    }

    private static String command(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    /** This process's cgroup in the v1 hierarchy of {@code controller}; rkt's child processes share it. */
    private static Path ownCgroup(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] fields = line.split(":", 3);
            if (List.of(fields[1].split(",")).contains(controller)) {
                return Path.of("/sys/fs/cgroup", controller, fields[2].substring(1));
            }
        }
        throw new AssertionError("no " + controller + " cgroup in /proc/self/cgroup");
    }

    @Test
    void anAppAllocatingPastItsMemoryLimitIsKilledAndStatusSaysItRanOutOfMemory() throws Exception {
        Path uuidFile = dir.resolve("uuid");
        PodTestKit.Finished run = kit.run("run", "--net=none", "--uuid-file-save=" + uuidFile, "--volume", "shared,kind=empty",
                image.toString(), "--name=hog", "--memory=16Mi", "--exec=/bin/busybox", "--",
                "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1",
                "---", image.toString(), "--name=modest", "--memory=16Mi", "--exec=/bin/busybox", "--",
                "dd", "if=/dev/zero", "of=/dev/null", "bs=1M", "count=1");
        assertEquals(128 + 9, run.exitCode(), run.err());
        String uuid = Files.readString(uuidFile).strip();
        CliRun status = kit.rkt("status", uuid);
        assertTrue(status.out().contains("app-hog=137\n"), status.out());
        assertTrue(status.out().contains("oom-killed-hog=true\n"), status.out());
        assertTrue(status.out().contains("app-modest=0\n"), status.out());
        assertFalse(status.out().contains("oom-killed-modest"), status.out());
        CliRun json = kit.rkt("status", "--format=json", uuid);
        assertTrue(json.out().contains("\"oom_killed\":[\"hog\"]"), json.out());
        // conmon marks an OOM kill with a file "oom" in its working directory: the pod's, not the caller's
        assertFalse(Files.exists(Path.of("oom")), "a file oom in " + Path.of("").toAbsolutePath());
    }

    @Test
    void ipcParentSharesTheHostsIpcNamespaceAndFlyIsChosenByStage1Name() throws Exception {
        String hostIpc = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
        PodTestKit.Finished parent = kit.run("run", "--net=none", "--ipc=parent", "--volume", "shared,kind=empty", image.toString(),
                "--exec=/bin/sh", "--", "-c", "readlink /proc/self/ns/ipc");
        assertEquals(hostIpc + "\n", parent.out(), parent.err());
        PodTestKit.Finished own = kit.run("run", "--net=none", "--volume", "shared,kind=empty", image.toString(),
                "--exec=/bin/sh", "--", "-c", "readlink /proc/self/ns/ipc");
        assertFalse(own.out().equals(hostIpc + "\n"), own.out());
        String hostPid = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        PodTestKit.Finished fly = kit.run("run", "--stage1-path=/usr/lib/rkt/stage1-images/stage1-fly.aci", "--net=host",
                "--volume", "shared,kind=empty", image.toString(), "--exec=/bin/sh", "--", "-c", "readlink /proc/self/ns/pid");
        assertEquals(hostPid + "\n", fly.out(), fly.err());
        PodTestKit.Finished unknown = kit.run("run", "--stage1-path=/tmp/stage1-kvm.aci", image.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, unknown.exitCode());
    }

    private static java.util.stream.Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
