package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;

import java.nio.file.Path;

/**
 * A pod this process has just moved to {@code run}, holding its exclusive lock: the pod is running as long as
 * the lock is held. Hand {@link #lock()} to the stage1 run entrypoint through {@code Execve.exec} (its
 * descriptor as an inherited one, {@link PodLock#lockFdEnvironment()} in the environment) so that the pod's
 * process holds it; closing this handle in this process releases it, and the pod shows as exited.
 */
public final class RunningPod implements AutoCloseable {

    private final PodUuid uuid;
    private final Path dir;
    private final PodLock lock;

    RunningPod(PodUuid uuid, Path dir, PodLock lock) {
        this.uuid = uuid;
        this.dir = dir;
        this.lock = lock;
    }

    public PodUuid uuid() {
        return uuid;
    }

    /** {@code DIR/pods/run/UUID}, where the run entrypoint works. */
    public Path dir() {
        return dir;
    }

    public PodLock lock() {
        return lock;
    }

    @Override
    public void close() throws RocketException {
        lock.close();
    }

    @Override
    public String toString() {
        return "running pod " + uuid;
    }
}
