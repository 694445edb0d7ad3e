package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileDescriptorsTest {

    @TempDir
    Path dir;

    @Test
    void createsAFileWithTheGivenModeAndOpensItsDescriptor() throws Exception {
        Path file = dir.resolve("new");
        int old = Processes.umask(0);
        try (Fd fd = FileDescriptors.open(file, Set.of(OpenFlag.O_WRONLY, OpenFlag.O_CREAT, OpenFlag.O_EXCL), 0640)) {
            assertTrue(fd.number() > 2);
            assertEquals(file.toString(), fd.path().orElseThrow());
            assertEquals(Path.of("/proc/self/fd/" + fd.number()).toRealPath(), file.toRealPath());
        } finally {
            Processes.umask(old);
        }
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aDuplicateOnAChosenNumberSharesTheFileAndIsInheritedAcrossExec() throws Exception {
        Path file = Files.createFile(dir.resolve("dup"));
        try (Fd original = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC));
             Fd copy = FileDescriptors.duplicateTo(original, 987)) {
            assertEquals(987, copy.number());
            assertEquals(file.toString(), copy.path().orElseThrow());
            assertEquals(Path.of("/proc/self/fd/987").toRealPath(), file.toRealPath());
            assertFalse(copy.closeOnExec());
            assertTrue(original.closeOnExec());
        }
        assertFalse(Files.exists(Path.of("/proc/self/fd/987")));
    }

    @Test
    void closeOnExecFollowsTheFlagAndCanBeChanged() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        try (Fd plain = FileDescriptors.open(file, Set.of());
             Fd cloexec = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC))) {
            assertFalse(plain.closeOnExec());
            assertTrue(cloexec.closeOnExec());

            plain.closeOnExec(true);
            cloexec.closeOnExec(false);

            assertTrue(plain.closeOnExec());
            assertFalse(cloexec.closeOnExec());
        }
    }

    @Test
    void opensRelativeToADirectoryDescriptor() throws Exception {
        Files.writeString(dir.resolve("inside"), "x");
        try (Fd directory = FileDescriptors.open(dir, Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_PATH, OpenFlag.O_CLOEXEC));
             Fd file = FileDescriptors.openAt(directory, "inside", Set.of(OpenFlag.O_CLOEXEC), 0)) {
            assertEquals(dir.resolve("inside").toString(), file.path().orElseThrow());
            LinuxException e = assertThrows(LinuxException.class,
                    () -> FileDescriptors.openAt(directory, "missing", Set.of(OpenFlag.O_CLOEXEC), 0));
            assertTrue(e.is(Errno.ENOENT));
            assertEquals(dir.resolve("missing").toString(), e.path().orElseThrow());
        }
    }

    @Test
    void flagsThatCheckTheFileTypeRefuseTheWrongOne() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);

        LinuxException notDirectory = assertThrows(LinuxException.class,
                () -> FileDescriptors.open(file, Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_CLOEXEC)));
        LinuxException symlink = assertThrows(LinuxException.class,
                () -> FileDescriptors.open(link, Set.of(OpenFlag.O_NOFOLLOW, OpenFlag.O_CLOEXEC)));

        assertTrue(notDirectory.is(Errno.ENOTDIR), notDirectory.getMessage());
        assertTrue(symlink.is(Errno.ELOOP), symlink.getMessage());
    }

    @Test
    void creatingAnExistingFileExclusivelyFailsWithEexist() throws Exception {
        Path file = Files.createFile(dir.resolve("taken"));

        LinuxException e = assertThrows(LinuxException.class, () -> FileDescriptors.open(file,
                Set.of(OpenFlag.O_WRONLY, OpenFlag.O_CREAT, OpenFlag.O_EXCL, OpenFlag.O_CLOEXEC), 0600));

        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("openat", e.call());
        assertEquals(file.toString(), e.path().orElseThrow());
        assertTrue(e.getMessage().startsWith("openat(\"" + file + "\""), e.getMessage());
        assertTrue(e.getMessage().endsWith(": EEXIST (File exists)"), e.getMessage());
    }

    @Test
    void closingTwiceClosesOnce() throws Exception {
        Fd fd = FileDescriptors.open(Files.createFile(dir.resolve("f")), Set.of(OpenFlag.O_CLOEXEC));
        fd.close();
        fd.close();
        assertTrue(fd.isClosed());
        assertThrows(IllegalStateException.class, fd::number);
    }

    @Test
    void closingADescriptorThatIsNotOpenFailsWithEbadf() {
        // Above any descriptor limit, so that no other thread can have opened it meanwhile.
        LinuxException e = assertThrows(LinuxException.class, () -> Fd.adopt(Integer.MAX_VALUE, null).close());

        assertTrue(e.is(Errno.EBADF));
    }

    @Test
    void syncsTheFileSystemOfAPathAndKeepsNoDescriptor() throws Exception {
        Files.writeString(dir.resolve("dirty"), "not yet on disk");
        long before = openDescriptors();
        FileDescriptors.syncFileSystem(dir);
        assertEquals(before, openDescriptors());

        Path missing = dir.resolve("missing");
        LinuxException e = assertThrows(LinuxException.class, () -> FileDescriptors.syncFileSystem(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static long openDescriptors() throws Exception {
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            return list.count();
        }
    }
}
