package dev.rocket.stage0;

import dev.rocket.os.linux.Execve;
import dev.rocket.os.linux.Fd;
import dev.rocket.os.linux.FileDescriptors;
import dev.rocket.os.linux.FileNodes;
import dev.rocket.os.linux.Namespaces;
import dev.rocket.os.linux.ProcessControl;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.PodLock;
import dev.rocket.pod.RunningPod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns this process into the pod's monitor ({@link MonitorScript}): writes the fifos the shell needs, moves the
 * pod lock to the shell's descriptor {@value MonitorScript#LOCK_FD}, makes the process a child subreaper (so that
 * conmon, which detaches from the shell, stays its child: in the pod's process tree, and reaped by it), and
 * {@code execve}s the shell, which keeps this process's PID.
 */
final class PodMonitor {

    /** A POSIX shell: dash on Debian, a megabyte and a half resident. */
    static final Path SHELL = Path.of("/bin/sh");
    private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private PodMonitor() {
    }

    /**
     * Replaces this process with the monitor of {@code jobs}, which sees none of {@code hiddenMounts} (what the
     * runtime must not see; unmounted in a mount namespace of the monitor's own, so that the runtime needs no
     * launcher for each of its commands); returns only by throwing.
     */
    static void exec(RunningPod running, List<MonitorScript.Job> jobs, boolean interactive, List<String> atExit,
                     List<Path> hiddenMounts) throws IOException {
        String script = prepare(running, jobs, interactive, atExit);
        ProcessControl.setChildSubreaper(true);
        // whatever the JVM had on that descriptor is closed: nothing of it is used between here and execve
        Fd lock = FileDescriptors.duplicateTo(running.lock().fd(), MonitorScript.LOCK_FD);
        try {
            // on this thread, the one that execs: the namespace is the thread's until execve makes it the process's
            if (!hiddenMounts.isEmpty()) Namespaces.unmountInOwnView(hiddenMounts);
            Execve.exec(SHELL, List.of("sh", "-c", script), List.of(PATH, PodLock.LOCK_FD_VARIABLE + "=" + lock.number()),
                    List.of(lock));
        } finally {
            if (lock != running.lock().fd()) lock.close(); // only reached when execve failed
        }
    }

    /** Makes the directories and fifos the monitor of {@code jobs} needs under the pod; its script. */
    static String prepare(RunningPod running, List<MonitorScript.Job> jobs, boolean interactive, List<String> atExit)
            throws IOException {
        Path dir = running.dir();
        Files.createDirectories(PodLayout.exitStatuses(dir));
        Files.createDirectories(PodLayout.oomKilled(dir));
        Files.createDirectories(PodLayout.logs(dir));
        for (MonitorScript.Job job : jobs) {
            List<Path> fifos = new ArrayList<>();
            if (job.output() != null) fifos.addAll(List.of(job.output().out(), job.output().err()));
            if (job.start() instanceof MonitorScript.Supervised supervised) fifos.add(supervised.sync());
            for (Path fifo : fifos) {
                Files.createDirectories(fifo.getParent());
                Files.deleteIfExists(fifo);
                FileNodes.mkfifo(fifo, 0600);
            }
        }
        return MonitorScript.of(jobs, PodLayout.pid(dir), interactive, atExit);
    }
}
