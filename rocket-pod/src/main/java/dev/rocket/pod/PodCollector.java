package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.Errno;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mark and sweep of pods ({@code rkt gc}) and the immediate removal of one pod ({@code rkt rm}), as
 * {@code devel/pod-lifecycle.md} describes. A pod is only moved or deleted while this process holds a lock on
 * its directory; a rename that fails with ENOENT means another gc or rm won the race, which is normal.
 */
final class PodCollector {

    /**
     * An embryo is locked and moved on within microseconds of its creation; one older than this belongs to a
     * process that died in between.
     */
    static final Duration EMBRYO_ABANDONED_AFTER = Duration.ofMinutes(10);

    private static final int REMOVE_ATTEMPTS = 20;
    private static final Duration REMOVE_RETRY_PAUSE = Duration.ofMillis(50);

    private final PodLayout layout;
    private final PodLocator locator;
    private final Clock clock;

    PodCollector(PodLayout layout, PodLocator locator, Clock clock) {
        this.layout = layout;
        this.locator = locator;
        this.clock = clock;
    }

    PodGcReport gc(GcPolicy policy, PodCleanup cleanup) throws RocketException {
        Pass pass = new Pass();
        for (PodUuid uuid : locator.uuids(PodPhase.EMBRYO)) {
            if (olderThan(layout.pod(PodPhase.EMBRYO, uuid), EMBRYO_ABANDONED_AFTER, pass, uuid)) {
                markIf(pass, uuid, PodPhase.EMBRYO, PodPhase.GARBAGE, LockKind.EXCLUSIVE);
            }
        }
        for (PodUuid uuid : locator.uuids(PodPhase.PREPARE)) {
            markIf(pass, uuid, PodPhase.PREPARE, PodPhase.GARBAGE, LockKind.SHARED);
        }
        for (PodUuid uuid : locator.uuids(PodPhase.PREPARED)) {
            if (olderThan(layout.pod(PodPhase.PREPARED, uuid), policy.expirePrepared(), pass, uuid)) {
                markIf(pass, uuid, PodPhase.PREPARED, PodPhase.GARBAGE, LockKind.EXCLUSIVE);
            }
        }
        for (PodUuid uuid : locator.uuids(PodPhase.RUN)) {
            markIf(pass, uuid, PodPhase.RUN, PodPhase.EXITED_GARBAGE, LockKind.SHARED);
        }
        if (!policy.markOnly()) {
            for (PodUuid uuid : locator.uuids(PodPhase.EXITED_GARBAGE)) {
                // The rename that marked the pod set the directory's change time: the grace period starts there.
                if (olderThan(layout.pod(PodPhase.EXITED_GARBAGE, uuid), policy.gracePeriod(), pass, uuid)) {
                    sweep(pass, uuid, PodPhase.EXITED_GARBAGE, cleanup);
                }
            }
            for (PodUuid uuid : locator.uuids(PodPhase.GARBAGE)) {
                sweep(pass, uuid, PodPhase.GARBAGE, cleanup);
            }
        }
        return new PodGcReport(pass.marked, pass.collected, pass.failures);
    }

    /**
     * Deletes pod {@code uuid} now unless a process is working on it: an exited pod goes through
     * {@code exited-garbage}, a prepared or failed one through {@code garbage}, as gc would move them.
     */
    void remove(PodUuid uuid, PodCleanup cleanup) throws RocketException {
        boolean seen = false;
        for (int attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
            Optional<PodInfo> found = locator.find(uuid);
            if (found.isEmpty()) {
                if (seen) return;
                throw new RocketException(Kind.NOT_FOUND, "pod " + uuid + " does not exist; rkt list shows the pods there are");
            }
            seen = true;
            PodInfo pod = found.get();
            switch (pod.state()) {
                case EMBRYO, PREPARING -> throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid
                        + " is being prepared; remove it once the preparing process ended");
                case RUNNING -> throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid
                        + " is running; stop it first (rkt stop " + uuid + ")");
                default -> {
                    if (tryRemove(pod, cleanup)) return;
                }
            }
            pause();
        }
        throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid
                + " is busy: another rkt process keeps locking it; try again");
    }

    /** Removes {@code pod} under its exclusive lock; {@code false} when it changed meanwhile and needs a new look. */
    private boolean tryRemove(PodInfo pod, PodCleanup cleanup) throws RocketException {
        PodPhase phase = phaseOf(pod);
        Optional<PodLock> lock = tryLock(pod.dir(), LockKind.EXCLUSIVE);
        if (lock.isEmpty()) return false;
        try (PodLock _ = lock.get()) {
            PodPhase target = switch (phase) {
                case RUN, EXITED_GARBAGE -> PodPhase.EXITED_GARBAGE;
                default -> PodPhase.GARBAGE;
            };
            Path dir = layout.pod(target, pod.uuid());
            if (phase != target) {
                try {
                    PodFiles.rename(pod.dir(), dir);
                } catch (NoSuchFileException e) {
                    return false;
                } catch (IOException e) {
                    throw PodFailures.of("move pod " + pod.uuid() + " to " + target, e);
                }
            }
            PodInfo moved = new PodInfo(pod.uuid(), PodState.of(target, true), dir, pod.summary());
            cleanup.beforeDelete(moved);
            delete(moved);
            return true;
        }
    }

    private PodPhase phaseOf(PodInfo pod) {
        for (PodPhase phase : PodPhase.values()) {
            if (layout.pod(phase, pod.uuid()).equals(pod.dir())) return phase;
        }
        throw new IllegalStateException("pod directory " + pod.dir() + " is in no phase of " + layout.pods());
    }

    private enum LockKind { SHARED, EXCLUSIVE }

    /** Moves the pod from {@code from} to {@code to} if its lock can be taken now, that is, if no process works on it. */
    private void markIf(Pass pass, PodUuid uuid, PodPhase from, PodPhase to, LockKind kind) {
        Path dir = layout.pod(from, uuid);
        try {
            Optional<PodLock> lock = tryLock(dir, kind);
            if (lock.isEmpty()) return;
            try (PodLock _ = lock.get()) {
                PodFiles.rename(dir, layout.pod(to, uuid));
                pass.marked.add(uuid);
            } catch (NoSuchFileException e) {
                // Another gc moved it first.
            } catch (IOException e) {
                pass.failures.add(PodFailures.of("move pod " + uuid + " from " + from + " to " + to, e));
            }
        } catch (RocketException e) {
            pass.failures.add(e);
        }
    }

    private void sweep(Pass pass, PodUuid uuid, PodPhase phase, PodCleanup cleanup) {
        Path dir = layout.pod(phase, uuid);
        try {
            Optional<PodLock> lock = tryLock(dir, LockKind.EXCLUSIVE);
            if (lock.isEmpty()) return;
            try (PodLock _ = lock.get()) {
                PodInfo pod = new PodInfo(uuid, PodState.of(phase, true), dir, PodFiles.readSummary(dir));
                cleanup.beforeDelete(pod);
                delete(pod);
                pass.collected.add(uuid);
            }
        } catch (RocketException e) {
            pass.failures.add(e);
        }
    }

    private static void delete(PodInfo pod) throws RocketException {
        try {
            PodDeletion.delete(pod.dir());
        } catch (IOException e) {
            throw PodFailures.of("delete pod " + pod.uuid() + " at " + pod.dir(), e);
        }
    }

    /** The lock if it can be had without waiting; empty too when the directory has moved on. */
    private static Optional<PodLock> tryLock(Path dir, LockKind kind) throws RocketException {
        try {
            return kind == LockKind.SHARED ? PodLock.tryShared(dir) : PodLock.tryExclusive(dir);
        } catch (LinuxException e) {
            if (e.is(Errno.ENOENT)) return Optional.empty();
            throw PodFailures.of("lock pod directory " + dir, e);
        }
    }

    private boolean olderThan(Path dir, Duration age, Pass pass, PodUuid uuid) {
        try {
            Instant changed = ((FileTime) Files.getAttribute(dir, "unix:ctime")).toInstant();
            return !changed.plus(age).isAfter(clock.instant());
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            pass.failures.add(PodFailures.of("read the change time of pod " + uuid, e));
            return false;
        }
    }

    private static void pause() throws RocketException {
        try {
            Thread.sleep(REMOVE_RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.UNAVAILABLE, "interrupted while removing a pod", e);
        }
    }

    /** What one gc pass has done so far. */
    private static final class Pass {
        final List<PodUuid> marked = new ArrayList<>();
        final List<PodUuid> collected = new ArrayList<>();
        final List<RocketException> failures = new ArrayList<>();
    }
}
