package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs root for device nodes. */
class FileNodesTest {

    @TempDir
    Path dir;

    @Test
    void createsACharacterDeviceWithItsDeviceNumber() throws Exception {
        Path node = dir.resolve("null");

        FileNodes.mknod(node, NodeType.CHARACTER_DEVICE, 0666, DeviceNumber.of(1, 3));

        int mode = (int) Files.getAttribute(node, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long rdev = (long) Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        assertEquals(NodeType.CHARACTER_DEVICE.typeBits(), mode & NodeType.TYPE_MASK);
        assertEquals(DeviceNumber.of(1, 3), DeviceNumber.fromDev(rdev));
        Files.writeString(node, "swallowed");
        assertEquals(0, Files.readAllBytes(node).length, "it is /dev/null's device");
    }

    @Test
    void createsABlockDeviceAndAFifo() throws Exception {
        Path block = dir.resolve("loop7");
        Path fifo = dir.resolve("fifo");

        FileNodes.mknod(block, NodeType.BLOCK_DEVICE, 0600, DeviceNumber.of(7, 7));
        FileNodes.mkfifo(fifo, 0600);

        assertEquals(NodeType.BLOCK_DEVICE.typeBits(), typeBits(block));
        assertEquals(DeviceNumber.of(7, 7), DeviceNumber.fromDev((long) Files.getAttribute(block, "unix:rdev")));
        assertEquals(NodeType.FIFO.typeBits(), typeBits(fifo));
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther());
    }

    @Test
    void refusesToReplaceAnExistingFile() throws Exception {
        Path taken = Files.createFile(dir.resolve("taken"));

        LinuxException e = assertThrows(LinuxException.class, () -> FileNodes.mkfifo(taken, 0600));

        assertEquals(Errno.EEXIST, e.errno());
        assertEquals(taken.toString(), e.path().orElseThrow());
        assertTrue(e.getMessage().startsWith("mknod(\"" + taken + "\", FIFO 0600): EEXIST"), e.getMessage());
    }

    @Test
    void failsWithEnoentInAMissingDirectory() {
        Path node = dir.resolve("missing/null");

        LinuxException e = assertThrows(LinuxException.class,
                () -> FileNodes.mknod(node, NodeType.CHARACTER_DEVICE, 0666, DeviceNumber.of(1, 3)));

        assertTrue(e.is(Errno.ENOENT));
        assertEquals(node.toString(), e.path().orElseThrow());
    }

    private static int typeBits(Path path) throws Exception {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & NodeType.TYPE_MASK;
    }
}
