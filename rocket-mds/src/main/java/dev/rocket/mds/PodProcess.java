package dev.rocket.mds;

import dev.rocket.base.RocketException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host process whose life is a registered pod's life, known by PID and by its start time in
 * {@code /proc/PID/stat}, so that a new process that reuses the PID is not taken for the pod. A zombie counts as
 * gone: its pod has ended even if nobody has waited for it yet.
 */
public record PodProcess(long pid, long startTicks) {

    // proc(5): fields after "pid (comm)", counted from 3; state is field 3, starttime field 22
    private static final int STATE = 0;
    private static final int START_TIME = 22 - 3;

    public static PodProcess of(long pid) throws RocketException {
        return running(pid).map(start -> new PodProcess(pid, start)).orElseThrow(() ->
                new RocketException(RocketException.Kind.NOT_FOUND,
                        "no process " + pid + " to register: register the pod while its process runs"));
    }

    public boolean isGone() {
        return !running(pid).equals(Optional.of(startTicks));
    }

    /** The start time of process {@code pid} if it exists and is not a zombie. */
    private static Optional<Long> running(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return Optional.empty();
        }
        // the command name may hold spaces and parentheses; the fields start after its last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (fields[STATE].equals("Z") || fields[STATE].equals("X")) return Optional.empty();
        return Optional.of(Long.parseLong(fields[START_TIME]));
    }
}
