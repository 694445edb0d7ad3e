package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessesTest {

    @TempDir
    Path dir;

    @Test
    void getpidIsThisJvm() {
        assertEquals(ProcessHandle.current().pid(), Processes.getpid());
    }

    @Test
    void killEndsAProcessWithTheSignal() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Processes.kill((int) sleeper.pid(), Signal.SIGTERM);

            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Signal.SIGTERM.number(), sleeper.exitValue());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void killOfAProcessThatIsGoneFailsWithEsrch() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        LinuxException e = assertThrows(LinuxException.class, () -> Processes.kill((int) done.pid(), Signal.SIGTERM));

        assertEquals(Errno.ESRCH, e.errno());
        assertTrue(e.path().isEmpty());
        assertEquals("kill(" + done.pid() + ", SIGTERM): ESRCH (No such process)", e.getMessage());
    }

    @Test
    void refusesPidsThatStandForGroups() {
        assertThrows(IllegalArgumentException.class, () -> Processes.kill(0, Signal.SIGTERM));
        assertThrows(IllegalArgumentException.class, () -> Processes.kill(-1, Signal.SIGTERM));
    }

    @Test
    void umaskAppliesToNewFilesAndReturnsThePreviousMask() throws Exception {
        int original = Processes.umask(0077);
        try {
            Path file = Files.createFile(dir.resolve("private"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(0077, Processes.umask(0027));
        } finally {
            Processes.umask(original);
        }
    }
}
