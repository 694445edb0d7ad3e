package dev.rocket.pod;

import dev.rocket.os.linux.MountFlag;
import dev.rocket.os.linux.MountTable;
import dev.rocket.os.linux.Mounts;
import dev.rocket.os.linux.UnmountFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs as root: it bind-mounts a "host volume" into a pod. */
class PodDeletionTest {

    @TempDir
    Path dir;

    @Test
    void deletingAPodDetachesItsMountsAndLeavesTheHostFilesAlone() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host-volume"));
        Files.writeString(host.resolve("precious"), "keep me");
        Path pod = Files.createDirectories(dir.resolve("pods/garbage/5bc080ca-9e03-480d-b705-5928af396cc5"));
        Path target = Files.createDirectories(pod.resolve("apps/web/rootfs/data"));
        Files.createSymbolicLink(pod.resolve("apps/web/link-to-host"), host);
        Mounts.mount(host.toString(), target, null, Set.of(MountFlag.MS_BIND), null);
        try {
            PodDeletion.delete(pod);
        } finally {
            if (MountTable.read().at(target).isPresent()) Mounts.unmount(target, Set.of(UnmountFlag.MNT_DETACH));
        }

        assertFalse(Files.exists(pod));
        assertTrue(MountTable.read().under(pod).isEmpty());
        assertEquals("keep me", Files.readString(host.resolve("precious")));
    }
}
