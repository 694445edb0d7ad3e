package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.Errno;
import dev.rocket.os.linux.Fd;
import dev.rocket.os.linux.FileDescriptors;
import dev.rocket.os.linux.Flock;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.OpenFlag;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code flock(2)} lock on a pod directory, held through an open directory descriptor. The lock follows the
 * directory through renames and lasts as long as any copy of the descriptor is open: hand {@link #fd()} to
 * {@code Execve.exec(..., inherited = [fd])} and the lock lives exactly as long as the program (and its
 * children that keep the descriptor), which is how a pod is "running". The descriptor is close-on-exec
 * unless handed over that way; its number is what the stage1 contract passes as {@value #LOCK_FD_VARIABLE}.
 */
public final class PodLock implements AutoCloseable {

    /** The environment variable of the stage1 run entrypoint that names the lock's descriptor. */
    public static final String LOCK_FD_VARIABLE = "RKT_LOCK_FD";

    private static final Set<OpenFlag> DIRECTORY = Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_CLOEXEC);

    private final Fd fd;

    private PodLock(Fd fd) {
        this.fd = fd;
    }

    /** Waits for the exclusive lock on {@code dir}. */
    static PodLock exclusive(Path dir) throws LinuxException {
        return waitingFor(dir, Flock::lockExclusive);
    }

    /** Waits until no process holds {@code dir} exclusively, and takes a shared lock. */
    static PodLock shared(Path dir) throws LinuxException {
        return waitingFor(dir, Flock::lockShared);
    }

    /** The exclusive lock on {@code dir} if nobody holds any lock on it. */
    static Optional<PodLock> tryExclusive(Path dir) throws LinuxException {
        Fd fd = FileDescriptors.open(dir, DIRECTORY);
        return locked(fd, () -> Flock.tryLockExclusive(fd));
    }

    /** A shared lock on {@code dir} if nobody holds it exclusively. */
    static Optional<PodLock> tryShared(Path dir) throws LinuxException {
        Fd fd = FileDescriptors.open(dir, DIRECTORY);
        return locked(fd, () -> Flock.tryLockShared(fd));
    }

    /**
     * Whether some process holds {@code dir} exclusively right now, by a shared lock taken and released at once;
     * empty when the directory is gone (it moved on to another phase).
     */
    static Optional<Boolean> probe(Path dir) throws LinuxException {
        try (Fd fd = FileDescriptors.open(dir, DIRECTORY)) {
            return Optional.of(!Flock.tryLockShared(fd));
        } catch (LinuxException e) {
            if (e.is(Errno.ENOENT)) return Optional.empty();
            throw e;
        }
    }

    private interface Attempt {
        boolean lock() throws LinuxException;
    }

    private interface BlockingLock {
        void lock(Fd fd) throws LinuxException;
    }

    private static PodLock waitingFor(Path dir, BlockingLock lock) throws LinuxException {
        Fd fd = FileDescriptors.open(dir, DIRECTORY);
        return locked(fd, () -> {
            lock.lock(fd);
            return true;
        }).orElseThrow();
    }

    private static Optional<PodLock> locked(Fd fd, Attempt attempt) throws LinuxException {
        boolean locked = false;
        try {
            locked = attempt.lock();
            return locked ? Optional.of(new PodLock(fd)) : Optional.empty();
        } finally {
            if (!locked) fd.close();
        }
    }

    /** The open directory descriptor holding the lock, to hand to {@code Execve.exec} as an inherited one. */
    public Fd fd() {
        return fd;
    }

    /** {@code RKT_LOCK_FD=N}, the environment entry of the stage1 run entrypoint. */
    public String lockFdEnvironment() {
        return LOCK_FD_VARIABLE + "=" + fd.number();
    }

    public boolean isReleased() {
        return fd.isClosed();
    }

    /** Releases the lock by closing the descriptor (a program that inherited it keeps its copy locked). */
    @Override
    public void close() throws RocketException {
        try {
            fd.close();
        } catch (LinuxException e) {
            throw new RocketException(e.kind(), "cannot release the pod lock: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "pod lock " + fd;
    }
}
