package dev.rocket.mds;

import dev.rocket.base.RocketException;

import java.time.Instant;
import java.util.Optional;

/**
 * The host process whose life is a registered pod's life. Kept with its start time (from {@code /proc}, through
 * {@link ProcessHandle}) so that a new process that reuses the PID is not taken for the pod.
 */
public record PodProcess(long pid, Optional<Instant> started) {

    public static PodProcess of(long pid) throws RocketException {
        ProcessHandle handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElseThrow(() ->
                new RocketException(RocketException.Kind.NOT_FOUND,
                        "no process " + pid + " to register: register the pod while its process runs"));
        return new PodProcess(pid, handle.info().startInstant());
    }

    public boolean isGone() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return handle.isEmpty() || !handle.get().info().startInstant().equals(started);
    }
}
