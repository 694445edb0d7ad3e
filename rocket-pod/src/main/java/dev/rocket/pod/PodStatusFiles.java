package dev.rocket.pod;

import dev.rocket.base.AtomicFile;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.AcName;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files through which a pod's run entrypoint tells the host about the pod's processes, and through which
 * {@code rkt status} reads them: {@link PodLayout#PID} (the PID of the pod's process, as the stage1 contract
 * requires) and {@link PodLayout#EXIT_STATUSES}{@code /APP} (the exit code of each app that ended). Both hold
 * a decimal number and are written atomically, so a reader never sees half a number. The pod's process also
 * leaves an empty {@link PodLayout#OOM_KILLED}{@code /APP} for an app the kernel killed for running out of memory.
 *
 * @param pod the pod directory
 */
public record PodStatusFiles(Path pod) {

    public PodStatusFiles {
        if (pod == null) throw new IllegalArgumentException("the pod directory must be given");
    }

    /** Records the PID of the pod's process; the run entrypoint calls this once the process exists. */
    public void writePid(long pid) throws RocketException {
        if (pid <= 0) throw new IllegalArgumentException("a PID is positive, not " + pid);
        write(PodLayout.pid(pod), pid);
    }

    /** Records that {@code app} ended with {@code exitCode}. */
    public void writeExitCode(AcName app, int exitCode) throws RocketException {
        try {
            Files.createDirectories(PodLayout.exitStatuses(pod));
        } catch (IOException e) {
            throw PodFailures.of("create the exit status directory of pod " + pod.getFileName(), e);
        }
        write(PodLayout.exitStatus(pod, app), exitCode);
    }

    /** The PID of the pod's process; empty until the run entrypoint has written it. */
    public OptionalInt pid() throws RocketException {
        Path file = PodLayout.pid(pod);
        try {
            return OptionalInt.of(number(file));
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            throw PodFailures.of("read the PID of pod " + pod.getFileName(), e);
        }
    }

    /** The exit code of every app that has ended, by app name. */
    public Map<AcName, Integer> exitCodes() throws RocketException {
        Map<AcName, Integer> codes = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(PodLayout.exitStatuses(pod))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (AcName.isValid(name)) codes.put(new AcName(name), number(file));
            }
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw PodFailures.of("read the app exit statuses of pod " + pod.getFileName(), e);
        }
        return codes;
    }

    /** The apps the kernel killed because they exceeded their memory limit. */
    public Set<AcName> oomKilled() throws RocketException {
        Set<AcName> apps = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(PodLayout.oomKilled(pod))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (AcName.isValid(name)) apps.add(new AcName(name));
            }
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw PodFailures.of("read the out-of-memory kills of pod " + pod.getFileName(), e);
        }
        return apps;
    }

    private static void write(Path file, long number) throws RocketException {
        try {
            AtomicFile.write(file, number + "\n");
        } catch (IOException e) {
            throw PodFailures.of("write " + file, e);
        }
    }

    private static int number(Path file) throws IOException {
        String text = Files.readString(file).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds \"" + text + "\" where a decimal number belongs", e);
        }
    }
}
