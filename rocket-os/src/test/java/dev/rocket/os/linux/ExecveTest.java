package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecveTest {

    @TempDir
    Path dir;

    @Test
    void theExecutedProgramKeepsThePidTheLockAndNoOtherJvmDescriptor() throws Exception {
        Path lockFile = Files.createFile(dir.resolve("pod.lck"));

        ChildJvm.Result child = ChildJvm.run(ExecveProbe.class, lockFile.toString());

        assertEquals(0, child.exitCode(), child.stderr());
        String jvmPid = child.value("jvm-pid");
        String lockFd = child.value("lock-fd");
        assertEquals("1", child.value("flock-exit"), "the shell still holds the JVM's lock: flock -n fails");
        assertEquals(jvmPid, child.value("shell-pid"), "execve keeps the process");
        assertEquals(List.of("0", "1", "2", lockFd), descriptors(child),
                "only the standard streams and the lock are inherited");
    }

    @Test
    void aMissingProgramIsReportedWithItsPath() {
        Path missing = dir.resolve("no-such-program");

        LinuxException e = assertThrows(LinuxException.class,
                () -> Execve.exec(missing, List.of("x"), List.of(), Set.of()));

        assertTrue(e.is(Errno.ENOENT));
        assertEquals(missing.toString(), e.path().orElseThrow());
    }

    private static List<String> descriptors(ChildJvm.Result child) {
        List<String> lines = child.lines();
        return lines.subList(lines.indexOf("fds-begin") + 1, lines.indexOf("fds-end")).stream()
                .sorted(Comparator.comparingInt(Integer::parseInt)).toList();
    }
}
