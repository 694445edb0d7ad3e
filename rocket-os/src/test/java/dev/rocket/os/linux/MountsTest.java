package dev.rocket.os.linux;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs root: mounts in the test JVM's own mount namespace, and removes every mount it made. */
class MountsTest {

    @TempDir
    Path dir;

    @AfterEach
    void unmountEverythingLeftBehind() throws Exception {
        List<MountInfo> left = MountTable.read().under(dir.toRealPath());
        for (int i = left.size() - 1; i >= 0; i--) {
            Mounts.unmount(left.get(i).mountPoint(), Set.of(UnmountFlag.MNT_DETACH));
        }
    }

    @Test
    void aTmpfsShowsInMountinfoUntilUnmounted() throws Exception {
        Path target = Files.createDirectory(dir.resolve("scratch space")).toRealPath();

        Mounts.mount("rocket-test", target, "tmpfs", Set.of(MountFlag.MS_NOSUID, MountFlag.MS_NODEV), "size=1m,mode=0750");

        MountInfo mount = MountTable.read().at(target).orElseThrow();
        assertEquals("tmpfs", mount.fsType());
        assertEquals("rocket-test", mount.source());
        assertEquals(target, mount.mountPoint(), "the escaped space in the mount point is decoded");
        assertTrue(mount.mountOptions().containsAll(List.of("rw", "nosuid", "nodev")), mount.toString());
        assertTrue(mount.superOptions().contains("size=1024k"), mount.toString());

        Mounts.mount(null, target, null, Set.of(MountFlag.MS_REMOUNT, MountFlag.MS_BIND, MountFlag.MS_RDONLY), null);
        assertTrue(MountTable.read().at(target).orElseThrow().mountOptions().contains("ro"));

        Mounts.unmount(target, Set.of());
        assertFalse(MountTable.read().at(target).isPresent());
    }

    @Test
    void aBindMountShowsTheSourceDirectoryAndCanBeMadePrivate() throws Exception {
        Path source = Files.createDirectory(dir.resolve("source")).toRealPath();
        Path target = Files.createDirectory(dir.resolve("target")).toRealPath();
        Files.writeString(source.resolve("file"), "seen through the bind mount");

        Mounts.mount(source.toString(), target, null, Set.of(MountFlag.MS_BIND, MountFlag.MS_REC), null);
        Mounts.mount(null, target, null, Set.of(MountFlag.MS_PRIVATE), null);

        MountInfo mount = MountTable.read().at(target).orElseThrow();
        assertTrue(mount.root().endsWith(source.getFileName().toString()), mount.toString());
        assertFalse(mount.isShared(), mount.toString());
        assertEquals("seen through the bind mount", Files.readString(target.resolve("file")));

        Mounts.unmount(target, Set.of(UnmountFlag.MNT_DETACH));
        assertFalse(MountTable.read().at(target).isPresent());
        assertFalse(Files.exists(target.resolve("file")));
    }

    @Test
    void unmountingWhatIsNotMountedFailsWithEinvalNamingTheTarget() throws Exception {
        Path target = Files.createDirectory(dir.resolve("plain"));

        LinuxException e = assertThrows(LinuxException.class, () -> Mounts.unmount(target, Set.of()));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(target.toString(), e.path().orElseThrow());
        assertEquals("umount2(\"" + target + "\", 0): EINVAL (Invalid argument)", e.getMessage());
    }

    @Test
    void mountingOnAMissingDirectoryFailsWithEnoent() {
        Path target = dir.resolve("missing");

        LinuxException e = assertThrows(LinuxException.class,
                () -> Mounts.mount("overlay", target, "tmpfs", Set.of(), null));

        assertTrue(e.is(Errno.ENOENT));
        assertEquals("mount(\"overlay\", \"" + target + "\", \"tmpfs\", 0, NULL): ENOENT (No such file or directory)",
                e.getMessage());
    }
}
