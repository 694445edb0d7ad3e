package dev.rocket.os.linux;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The child JVM of {@link ExecveTest}: opens and locks the file named by its argument, prints its PID and the
 * lock's descriptor, and becomes a shell that reports on the lock and its descriptors (listed without a pipe
 * or command substitution, which would add the shell's own descriptors).
 */
public final class ExecveProbe {

    private ExecveProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path lockFile = Path.of(args[0]);
        Fd lock = FileDescriptors.open(lockFile, Set.of());
        Flock.lockExclusive(lock);
        System.out.println("jvm-pid " + Processes.getpid());
        System.out.println("lock-fd " + lock.number());
        System.out.flush();
        String script = "flock -n '" + lockFile + "' true; echo \"flock-exit $?\"; echo \"shell-pid $$\"; "
                + "echo fds-begin; ls -1 /proc/$$/fd; echo fds-end";
        Execve.exec(Path.of("/bin/sh"), List.of("sh", "-c", script), List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"),
                List.of(lock));
    }
}
