package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import dev.rocket.stage0.LaunchRehearsal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LaunchRehearsal}, what the AOT cache's training starts pods with: a rehearsed {@code rkt run} and
 * {@code run-prepared} go through the start up to the monitor's script (the app's OCI bundle and the monitor's
 * fifos are written), then undo it: no mount, no cgroup, no runtime container; the pod shows as exited and gc
 * removes it.
 */
class LaunchRehearsalTest extends PodTest {

    @TempDir
    static Path shared;

    static Path image;

    @BeforeAll
    static void buildBusyboxImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("busybox"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/busybox",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/busybox", "true"], "user": "0", "group": "0"}}
                """);
    }

    @Test
    void aRehearsedRunWritesTheBundleAndMonitorThenUndoesTheStart() throws Exception {
        CliRun run = LaunchRehearsal.call(() -> kit.rkt("run", "--net=none", image.toString()));
        assertRehearsed(run);
    }

    @Test
    void aRehearsedRunPreparedDoesTheSame() throws Exception {
        CliRun prepare = kit.rkt("prepare", image.toString());
        assertEquals(0, prepare.exitCode(), prepare.err());
        String uuid = prepare.out().strip();
        CliRun run = LaunchRehearsal.call(() -> kit.rkt("run-prepared", "--net=none", uuid));
        assertRehearsed(run);
        assertTrue(Files.isDirectory(dir.resolve("pods/run").resolve(uuid)));
    }

    @Test
    void outsideARehearsalNothingIsRehearsed() throws Exception {
        LaunchRehearsal.call(() -> kit.rkt("version"));
        PodTestKit.Finished run = kit.run("run", "--net=none", image.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains("rehearsed"), run.err());
    }

    private void assertRehearsed(CliRun run) throws Exception {
        assertEquals(254, run.exitCode(), run.err());
        assertTrue(run.err().contains("was only rehearsed"), run.err());
        try (Stream<Path> files = Files.walk(dir.resolve("pods/run"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains("config.json"), names.toString());
            assertTrue(names.contains("sync"), names.toString());
        }
        // undone before gc: nothing mounted, no cgroup, no runtime container
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()));
        try (Stream<Path> cgroups = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            assertEquals(List.of(), cgroups.filter(p -> p.getFileName() != null
                    && p.getFileName().toString().startsWith("rocket-")).toList());
        }
        assertTrue(kit.rkt("list", "--no-legend").out().contains("exited"), kit.rkt("list").out());
    }
}
