package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --private-users} with the real runc, as root: each pod in a user namespace of its own with a range of
 * host IDs no other pod has, over a copy of its image whose owners are shifted into that range.
 */
class PrivateUsersPodTest extends PodTest {

    @TempDir
    static Path shared;

    /** A busybox image with a file of user 1000, group 50 beside root's. */
    static Path image;

    @BeforeAll
    static void buildImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("users"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/users",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/sh", "-c", "true"], "user": "0", "group": "0"}}
                """, rootfs -> {
            Files.createDirectories(rootfs.resolve("home/user"));
            Files.writeString(rootfs.resolve("home/user/owned"), "mine\\n");
            Files.setAttribute(rootfs.resolve("home/user/owned"), "unix:uid", 1000);
            Files.setAttribute(rootfs.resolve("home/user/owned"), "unix:gid", 50);
        });
    }

    @Test
    void eachPodHasItsOwnIdRangeAndSeesTheImagesOwnersWhileTheHostCopyHasThemShifted() throws Exception {
        PodTestKit.Started first = kit.start("first", "--private-users", image.toString(), "--name=first",
                "--exec=/bin/sh", "--", "-c", "cat /proc/self/uid_map > /uid_map; sleep 600");
        Path firstRootfs = dir.resolve("pods/run").resolve(first.uuid()).resolve("apps/first/rootfs");
        try {
            String firstMap = waitForFile(firstRootfs.resolve("uid_map"));
            long firstHost = hostIdOf(firstMap);
            assertTrue(firstHost >= 1L << 30, firstMap);
            assertEquals(firstHost, owner(firstRootfs.resolve("bin/busybox"), "uid"), "root's file on the host copy");
            assertEquals(firstHost + 1000, owner(firstRootfs.resolve("home/user/owned"), "uid"));
            assertEquals(firstHost + 50, owner(firstRootfs.resolve("home/user/owned"), "gid"));
            assertTrue(kit.rkt("status", first.uuid()).out().contains("private-users=" + firstHost + ":65536"),
                    kit.rkt("status", first.uuid()).out());

            PodTestKit.Finished second = kit.run("run", "--private-users", image.toString(), "--exec=/bin/sh", "--", "-c",
                    "cat /proc/self/uid_map /proc/self/gid_map; stat -c '%u:%g %n' /bin/busybox /home/user/owned; id -u");
            assertEquals(0, second.exitCode(), second.err());
            String[] maps = second.out().strip().split("\n");
            long secondHost = hostIdOf(maps[0]);
            assertNotEquals(firstHost, secondHost, "two pods never share a range: " + firstMap + " / " + maps[0]);
            assertEquals(secondHost, hostIdOf(maps[1]), "groups are mapped as users are");
            assertTrue(second.out().contains("0:0 /bin/busybox"), second.out());
            assertTrue(second.out().contains("1000:50 /home/user/owned"), second.out());
            assertTrue(second.out().strip().endsWith("\n0"), "the app is root in its namespace: " + second.out());
        } finally {
            kit.rkt("stop", "--force", first.uuid());
            first.process().waitFor(60, TimeUnit.SECONDS);
        }
        assertEquals(0, kit.rkt("gc", "--grace-period=0s").exitCode());
        assertFalse(Files.exists(Path.of("/run/rocket/pods", first.uuid())), "the pod's view is left after gc");
        assertFalse(Files.exists(firstRootfs), "the shifted copy is left after gc");
    }

    @Test
    void aPreparedPodKeepsItsRangeWhenItRunsAndAnEmptyVolumeIsOwnedInIt() throws Exception {
        CliRun prepare = kit.rkt("prepare", "--private-users", "--volume=data,kind=empty,uid=1000,gid=50",
                image.toString(), "--mount=volume=data,target=/data", "--exec=/bin/sh", "--", "-c",
                "cat /proc/self/uid_map; stat -c '%u:%g' /data");
        assertEquals(0, prepare.exitCode(), prepare.err());
        String uuid = prepare.out().strip();
        String status = kit.rkt("status", uuid).out();
        assertTrue(status.contains("private-users="), status);
        long host = Long.parseLong(status.substring(status.indexOf("private-users=") + 14, status.indexOf(":65536")));
        PodTestKit.Finished run = kit.run("run-prepared", uuid);
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(host, hostIdOf(lines[0]));
        assertEquals("1000:50", lines[1], "the empty volume is owned as asked, inside the pod");
    }

    @Test
    void aPodKilledWithSigkillLeavesNothingAfterGc() throws Exception {
        PodTestKit.Started pod = kit.start("killed", "--private-users", image.toString(), "--exec=/bin/sh", "--", "-c",
                "sleep 600");
        assertTrue(Files.isDirectory(Path.of("/run/rocket/pods", pod.uuid())));
        pod.process().destroyForcibly();
        assertTrue(pod.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kit.rkt("gc", "--grace-period=0s").exitCode());
        assertFalse(Files.exists(Path.of("/run/rocket/pods", pod.uuid())), "the pod's view is left after gc");
    }

    @Test
    void theHostsNetworkOrIpcNamespaceIsRefusedAndLeavesNothing() throws Exception {
        PodTestKit.Finished hostNet = kit.run("run", "--private-users", "--net=host", image.toString());
        assertNotEquals(0, hostNet.exitCode(), hostNet.err());
        assertTrue(hostNet.err().contains("--private-users cannot be combined with --net=host"), hostNet.err());
        PodTestKit.Finished hostIpc = kit.run("run", "--private-users", "--ipc=parent", image.toString());
        assertTrue(hostIpc.err().contains("--ipc=parent"), hostIpc.err());
        assertNotEquals(0, hostIpc.exitCode());
        assertEquals("", kit.rkt("list", "--no-legend").out());
    }

    /** The host ID of the only line of a uid_map or gid_map: {@code 0 HOST SIZE}. */
    private static long hostIdOf(String mapLine) {
        String[] fields = mapLine.strip().split("\\s+");
        assertEquals("0", fields[0], mapLine);
        assertEquals("65536", fields[2], mapLine);
        return Long.parseLong(fields[1]);
    }

    private static long owner(Path file, String which) throws IOException {
        return ((Integer) Files.getAttribute(file, "unix:" + which, LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    private static String waitForFile(Path file) throws Exception {
        for (int i = 0; i < 1200 && (!Files.exists(file) || Files.size(file) == 0); i++) Thread.sleep(50);
        assertFalse(!Files.exists(file), file + " was never written");
        return Files.readString(file);
    }
}
