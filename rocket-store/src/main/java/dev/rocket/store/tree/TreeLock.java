package dev.rocket.store.tree;

import dev.rocket.os.linux.Fd;
import dev.rocket.os.linux.FileDescriptors;
import dev.rocket.os.linux.Flock;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.OpenFlag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exclusive lock of one tree: {@code flock} on its lock file, held while the tree is rendered, copied,
 * verified or removed. The kernel drops it when the holder dies, even by {@code kill -9}. Every acquisition
 * opens the file anew, so it also excludes other threads of this process.
 *
 * <p>The remover of a tree deletes its lock file while holding the lock. A waiter that then gets the lock holds
 * it on a deleted file, so after locking it checks that the path still names the file it locked (same device
 * and inode) and otherwise starts again on the new file.
 */
final class TreeLock implements AutoCloseable {

    private static final Set<OpenFlag> FLAGS = Set.of(OpenFlag.O_RDWR, OpenFlag.O_CREAT, OpenFlag.O_NOFOLLOW,
            OpenFlag.O_CLOEXEC);

    private final Fd fd;
    private final Path file;

    private TreeLock(Fd fd, Path file) {
        this.fd = fd;
        this.file = file;
    }

    /** Waits for the lock. */
    static TreeLock acquire(Path file) throws IOException {
        while (true) {
            Fd fd = FileDescriptors.open(file, FLAGS, 0600);
            try {
                Flock.lockExclusive(fd);
                if (stillNamed(fd, file)) return new TreeLock(fd, file);
            } catch (IOException | RuntimeException e) {
                fd.close();
                throw e;
            }
            fd.close();
        }
    }

    /** Takes the lock if nobody holds it; never waits. */
    static Optional<TreeLock> tryAcquire(Path file) throws IOException {
        Fd fd = FileDescriptors.open(file, FLAGS, 0600);
        try {
            if (Flock.tryLockExclusive(fd) && stillNamed(fd, file)) return Optional.of(new TreeLock(fd, file));
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
        fd.close();
        return Optional.empty();
    }

    /** Deletes the lock file and releases the lock: the tree is gone. */
    void deleteAndRelease() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            close();
        }
    }

    @Override
    public void close() throws LinuxException {
        fd.close();
    }

    private static boolean stillNamed(Fd fd, Path file) throws IOException {
        // /proc/self/fd/N leads to the open file itself, even when it has been deleted.
        Map<String, Object> locked = Files.readAttributes(Path.of("/proc/self/fd/" + fd.number()), "unix:dev,ino");
        try {
            Map<String, Object> named = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
            return locked.equals(named);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
