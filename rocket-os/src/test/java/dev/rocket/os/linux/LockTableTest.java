package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockTableTest {

    private static final Set<OpenFlag> DIRECTORY = Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_CLOEXEC);

    @TempDir
    Path tmp;

    private static LockTable.Answer now(Path file) throws Exception {
        return LockTable.read().orElseThrow(() -> new AssertionError("/proc/locks must be readable here"))
                .exclusivelyHeld(file);
    }

    @Test
    void aDirectoryHeldByFlockIsHeldUntilUnlockedAndGoneOnceRemoved() throws Exception {
        Path pod = Files.createDirectory(tmp.resolve("pod"));
        assertEquals(LockTable.Answer.FREE, now(pod));
        try (Fd fd = FileDescriptors.open(pod, DIRECTORY)) {
            assertTrue(Flock.tryLockExclusive(fd));
            assertEquals(LockTable.Answer.HELD, now(pod));
            Flock.unlock(fd);
            assertEquals(LockTable.Answer.FREE, now(pod));
            // a shared lock is not an exclusive one
            assertTrue(Flock.tryLockShared(fd));
            assertEquals(LockTable.Answer.FREE, now(pod));
        }
        Files.delete(pod);
        assertEquals(LockTable.Answer.GONE, now(pod));
    }

    @Test
    void onlyGrantedWriteLocksCount() {
        LockTable table = LockTable.parse("""
                1: FLOCK  ADVISORY  WRITE 2107 fd:01:100 0 EOF
                1: -> FLOCK  ADVISORY  WRITE 2108 fd:01:200 0 EOF
                2: FLOCK  ADVISORY  READ 2109 fd:01:300 0 EOF
                3: POSIX  ADVISORY  WRITE 2110 00:2b:400 0 EOF
                4: OFDLCK ADVISORY  WRITE -1 fd:01:500 0 EOF
                5: LEASE  ACTIVE    WRITE 2111 fd:01:600 0 EOF
                6: FLOCK  ADVISORY  WRITE 2112 <none>:0 0 EOF
                """);
        assertEquals(LockTable.Answer.HELD, table.answer(DeviceNumber.of(0xfd, 1), 100));
        assertEquals(LockTable.Answer.FREE, table.answer(DeviceNumber.of(0xfd, 1), 200));
        assertEquals(LockTable.Answer.FREE, table.answer(DeviceNumber.of(0xfd, 1), 300));
        assertEquals(LockTable.Answer.HELD, table.answer(DeviceNumber.of(0, 0x2b), 400));
        assertEquals(LockTable.Answer.HELD, table.answer(DeviceNumber.of(0xfd, 1), 500));
        assertEquals(LockTable.Answer.FREE, table.answer(DeviceNumber.of(0xfd, 1), 600));
        // the inode is listed on another device: as stat and the table disagree for a btrfs subvolume
        assertEquals(LockTable.Answer.UNSURE, table.answer(DeviceNumber.of(0, 0x2c), 100));
    }

    @Test
    void theTableIsReadOnlyFromTheInitialPidNamespacesProc() {
        assertTrue(LockTable.showsInitialPidNamespace("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 24"));
        // pid 2 of a child namespace: an ordinary process
        assertFalse(LockTable.showsInitialPidNamespace("2 (sh) S 1 2 1 34816 2 4194560 120 0 0 0 0 0 0 0 20 0 1 0 9"));
        // one that names itself kthreadd is still not a kernel thread
        assertFalse(LockTable.showsInitialPidNamespace("2 (kthreadd) S 0 2 1 34816 2 4194560 120 0 0 0 0 0 0 0 20"));
        assertFalse(LockTable.showsInitialPidNamespace(""));
    }
}
