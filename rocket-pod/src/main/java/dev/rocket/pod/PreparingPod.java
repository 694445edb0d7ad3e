package dev.rocket.pod;

import dev.rocket.base.DirectoryDeletion;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A pod in {@code prepare} whose exclusive lock this process holds: it is "preparing" until it ends with
 * {@link #markPrepared()} ({@code rkt prepare}) or {@link #markRunning()} ({@code rkt run}). Closing it before
 * either leaves a failed prepare for gc, just as the death of this process would.
 */
public final class PreparingPod implements AutoCloseable {

    private final PodLayout layout;
    private final Clock clock;
    private final PodUuid uuid;
    private final PodLock lock;
    private boolean finished;

    PreparingPod(PodLayout layout, Clock clock, PodUuid uuid, PodLock lock) {
        this.layout = layout;
        this.clock = clock;
        this.uuid = uuid;
        this.lock = lock;
    }

    public PodUuid uuid() {
        return uuid;
    }

    /** {@code DIR/pods/prepare/UUID}, where the pod's files are put together. */
    public Path dir() {
        return layout.pod(PodPhase.PREPARE, uuid);
    }

    /** Writes (or replaces) the pod manifest, and with it the apps that {@code rkt list} shows. */
    public void writeManifest(PodManifest manifest) throws RocketException {
        requireUnfinished();
        PodFiles.writeManifest(dir(), manifest);
    }

    /** Ends preparation: the pod moves to {@code prepared} and the lock is released. */
    public void markPrepared() throws RocketException {
        requireUnfinished();
        move(PodPhase.PREPARED);
        finished = true;
        lock.close();
    }

    /** Ends preparation by starting the pod: it moves to {@code run} with the lock still held. */
    public RunningPod markRunning() throws RocketException {
        requireUnfinished();
        PodFiles.writeSummary(dir(), PodFiles.readSummary(dir()).startedAt(clock.instant()));
        move(PodPhase.RUN);
        finished = true;
        return new RunningPod(uuid, layout.pod(PodPhase.RUN, uuid), lock);
    }

    private void move(PodPhase target) throws RocketException {
        try {
            PodFiles.rename(dir(), layout.pod(target, uuid));
        } catch (IOException e) {
            throw PodFailures.of("move pod " + uuid + " from prepare to " + target, e);
        }
    }

    private void requireUnfinished() throws RocketException {
        if (finished || lock.isReleased()) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid + " is no longer being prepared by this process");
        }
    }

    /**
     * Ends a preparation that was refused (bad input): the pod's directory is deleted under its lock, so that
     * nothing of it is left; a crash instead leaves a prepare-failed pod for gc.
     */
    public void discard() throws RocketException {
        requireUnfinished();
        try {
            DirectoryDeletion.delete(dir());
        } catch (IOException e) {
            throw PodFailures.of("remove the refused pod " + uuid, e);
        } finally {
            finished = true;
            lock.close();
        }
    }

    /** Releases the lock unless preparation ended; the pod then shows as prepare-failed. */
    @Override
    public void close() throws RocketException {
        if (!finished) lock.close();
    }

    @Override
    public String toString() {
        return "preparing pod " + uuid;
    }
}
