package dev.rocket.os.linux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlockTest {

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void createFile() throws Exception {
        file = Files.createFile(dir.resolve("pod.lck"));
    }

    @Test
    void anExclusiveLockStopsAnotherProcessUntilUnlocked() throws Exception {
        try (Fd fd = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC))) {
            Flock.lockExclusive(fd);
            assertEquals(1, flockCommand("-n"), "flock -n must fail while the lock is held");

            Flock.unlock(fd);
            assertEquals(0, flockCommand("-n"), "flock -n succeeds once unlocked");
        }
    }

    @Test
    void sharedLocksCoexistButExcludeAnExclusiveOne() throws Exception {
        try (Fd first = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC));
             Fd second = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC))) {
            assertTrue(Flock.tryLockShared(first));
            assertTrue(Flock.tryLockShared(second));
            assertEquals(0, flockCommand("-n", "-s"), "another reader may lock too");
            assertEquals(1, flockCommand("-n"), "a writer may not");

            Flock.unlock(second);
            assertFalse(Flock.tryLockExclusive(second), "the first descriptor still holds a shared lock");
        }
    }

    @Test
    void aLockOnAnotherOpenOfTheSameFileConflictsInTheSameProcess() throws Exception {
        Fd holder = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC));
        try (Fd other = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC))) {
            assertTrue(Flock.tryLockExclusive(holder));
            assertFalse(Flock.tryLockExclusive(other));
            assertFalse(Flock.tryLockShared(other));

            holder.close();
            assertTrue(Flock.tryLockExclusive(other), "closing the descriptor releases its lock");
        } finally {
            holder.close();
        }
    }

    @Test
    void lockingAClosedDescriptorIsAProgrammingError() throws Exception {
        Fd fd = FileDescriptors.open(file, Set.of(OpenFlag.O_CLOEXEC));
        fd.close();
        assertThrows(IllegalStateException.class, () -> Flock.lockExclusive(fd));
    }

    private int flockCommand(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("flock"));
        command.addAll(List.of(options));
        command.addAll(List.of(file.toString(), "true"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
