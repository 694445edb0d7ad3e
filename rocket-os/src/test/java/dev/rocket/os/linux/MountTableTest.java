package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountTableTest {

    private static final String TEXT = """
            22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
            36 22 0:31 / /var/lib/rkt/pods/run/a\\040b rw,nosuid master:7 shared:9 - tmpfs my\\134src rw,size=1024k
            40 36 254:0 /srv/data /var/lib/rkt/pods/run/a\\040b/rootfs ro - ext4 /dev/vda rw
            41 22 0:32 / /mnt/caf\\303\\251\\011tab rw - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w
            """;

    @Test
    void parsesEveryFieldOfALine() {
        MountInfo mount = MountTable.parse(TEXT).mounts().get(1);

        assertEquals(36, mount.mountId());
        assertEquals(22, mount.parentId());
        assertEquals(DeviceNumber.of(0, 31), mount.device());
        assertEquals("/", mount.root());
        assertEquals(Path.of("/var/lib/rkt/pods/run/a b"), mount.mountPoint());
        assertEquals(List.of("rw", "nosuid"), mount.mountOptions());
        assertEquals(List.of("master:7", "shared:9"), mount.optionalFields());
        assertTrue(mount.isShared());
        assertEquals("tmpfs", mount.fsType());
        assertEquals("my\\src", mount.source());
        assertEquals(List.of("rw", "size=1024k"), mount.superOptions());
    }

    @Test
    void decodesEscapedBytesOfUtf8NamesAndControlCharacters() {
        MountInfo mount = MountTable.parse(TEXT).mounts().get(3);

        assertEquals(Path.of("/mnt/café\ttab"), mount.mountPoint());
        assertEquals(List.of(), mount.optionalFields());
        assertFalse(mount.isShared());
    }

    @Test
    void printsTheLineTheKernelWrote() {
        List<String> lines = TEXT.lines().toList();
        List<MountInfo> mounts = MountTable.parse(TEXT).mounts();

        assertEquals(lines.get(1), mounts.get(1).toString());
        assertEquals(lines.get(2), mounts.get(2).toString());
    }

    @Test
    void findsTheTopmostMountAtAPointAndTheMountsBelowADirectory() {
        MountTable table = MountTable.parse(TEXT + "50 36 0:40 / /var/lib/rkt/pods/run/a\\040b rw - proc proc rw\n");

        assertEquals(50, table.at(Path.of("/var/lib/rkt/pods/run/a b")).orElseThrow().mountId());
        assertEquals(List.of(36, 40, 50), table.under(Path.of("/var/lib/rkt/pods")).stream()
                .map(MountInfo::mountId).toList());
        assertTrue(table.at(Path.of("/var/lib")).isEmpty());
    }

    @Test
    void readsThisProcessMountsWithTheRootFirst() throws Exception {
        MountTable table = MountTable.read();

        assertTrue(table.at(Path.of("/")).isPresent());
        assertTrue(table.at(Path.of("/proc")).map(m -> m.fsType().equals("proc")).orElse(false));
    }

    @Test
    void refusesALineWithoutTheSeparator() {
        assertThrows(IllegalArgumentException.class,
                () -> MountInfo.parse("36 22 0:31 / /mnt rw shared:9 tmpfs tmpfs rw"));
        assertThrows(IllegalArgumentException.class,
                () -> MountInfo.parse("x 22 0:31 / /mnt rw - tmpfs tmpfs rw"));
    }
}
