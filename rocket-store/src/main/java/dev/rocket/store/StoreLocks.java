package dev.rocket.store;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.ImageId;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Advisory locks that coordinate every process using one store, as byte-range locks ({@code fcntl}) on one
 * lock file ({@link StoreLayout#lockFile()}). The kernel drops them when a process dies, even by
 * {@code kill -9}, so a crash never leaves a store locked.
 *
 * <ul>
 *   <li><b>Store lock</b> (byte 0): writers hold it <em>shared</em> from the first byte they ingest until their
 *   index row is committed. Holding it <em>exclusive</em> therefore proves that no process is between
 *   "temp file created" and "row committed", which is what makes it safe to delete temp files and blobs
 *   without rows. It is only ever tried, never waited for, so a sweep never stalls behind a long download.</li>
 *   <li><b>Image locks</b> (one byte per image ID, at an offset taken from the ID's first 60 bits): held
 *   exclusive for the short critical sections that change one image's blob and row together (commit of a
 *   write, removal), so that a removal can never interleave between a writer's rename and its insert.</li>
 * </ul>
 *
 * <p>Lock order: store lock, then image lock. Nothing waits for the store lock exclusively and nothing
 * holding an image lock waits for the store lock, so the order cannot deadlock.
 *
 * <p>Java reports a conflicting lock taken by the same JVM as {@code OverlappingFileLockException} instead
 * of waiting, and closing any descriptor of the file drops all of the process's locks on it. This class
 * therefore keeps one channel open for its lifetime and coordinates threads of this JVM with its own
 * in-memory locks before touching the file lock. Use one instance per store per process.
 */
public final class StoreLocks implements AutoCloseable {

    private static final long STORE_BYTE = 0;

    private final FileChannel channel;
    private final ReentrantReadWriteLock storeInJvm = new ReentrantReadWriteLock();
    private final Object sharedCount = new Object();
    private int sharedHolders;
    private FileLock sharedFileLock;
    private final ConcurrentHashMap<ImageId, ReentrantLock> imagesInJvm = new ConcurrentHashMap<>();

    private StoreLocks(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (creating if needed) the lock file. */
    public static StoreLocks open(Path lockFile) throws RocketException {
        try {
            Files.createDirectories(lockFile.getParent());
            return new StoreLocks(FileChannel.open(lockFile,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE,
                    "cannot open the store lock file " + lockFile + ": " + e.getMessage()
                            + "; check that the store directory is writable (run as root?)", e);
        }
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for the store lock in shared mode: the mode of every writer. */
    public Held storeShared() throws RocketException {
        storeInJvm.readLock().lock();
        try {
            synchronized (sharedCount) {
                if (sharedHolders == 0) {
                    sharedFileLock = channel.lock(STORE_BYTE, 1, true);
                }
                sharedHolders++;
            }
        } catch (IOException e) {
            storeInJvm.readLock().unlock();
            throw failed("the store lock", e);
        }
        return () -> {
            synchronized (sharedCount) {
                if (--sharedHolders == 0) release(sharedFileLock);
            }
            storeInJvm.readLock().unlock();
        };
    }

    /** Takes the store lock exclusively if no one, in any process, holds it; never waits. */
    public Optional<Held> tryStoreExclusive() throws RocketException {
        if (!storeInJvm.writeLock().tryLock()) return Optional.empty();
        try {
            FileLock lock = channel.tryLock(STORE_BYTE, 1, false);
            if (lock == null) {
                storeInJvm.writeLock().unlock();
                return Optional.empty();
            }
            return Optional.of(() -> {
                release(lock);
                storeInJvm.writeLock().unlock();
            });
        } catch (IOException e) {
            storeInJvm.writeLock().unlock();
            throw failed("the store lock", e);
        }
    }

    /** Waits for the exclusive lock of one image. */
    public Held image(ImageId id) throws RocketException {
        ReentrantLock inJvm = imagesInJvm.computeIfAbsent(id, k -> new ReentrantLock());
        inJvm.lock();
        try {
            FileLock lock = channel.lock(offset(id), 1, false);
            return () -> {
                release(lock);
                inJvm.unlock();
            };
        } catch (IOException e) {
            inJvm.unlock();
            throw failed("the lock of image " + id, e);
        }
    }

    /** Takes the exclusive lock of one image if it is free; never waits. */
    public Optional<Held> tryImage(ImageId id) throws RocketException {
        ReentrantLock inJvm = imagesInJvm.computeIfAbsent(id, k -> new ReentrantLock());
        if (!inJvm.tryLock()) return Optional.empty();
        try {
            FileLock lock = channel.tryLock(offset(id), 1, false);
            if (lock == null) {
                inJvm.unlock();
                return Optional.empty();
            }
            return Optional.of(() -> {
                release(lock);
                inJvm.unlock();
            });
        } catch (IOException e) {
            inJvm.unlock();
            throw failed("the lock of image " + id, e);
        }
    }

    /** Byte offset of an image's lock: 1 + the first 15 hex digits, so never the store byte. */
    static long offset(ImageId id) {
        return 1 + HexFormat.fromHexDigitsToLong(id.hex(), 0, 15);
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel is gone or broken: the kernel has already dropped the lock with it.
        }
    }

    private static RocketException failed(String what, IOException e) {
        return new RocketException(Kind.UNAVAILABLE, "cannot take " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws RocketException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot close the store lock file: " + e.getMessage(), e);
        }
    }
}
