package dev.rocket.os.linux;



/**
 * Advisory whole-file locks of {@code flock(2)}. A lock belongs to the open file description, so it is held
 * as long as any copy of the descriptor is open, also across {@code execve}, and conflicts with a lock taken
 * through another {@code open} of the same file, even in the same process.
 */
public final class Flock {

    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int LOCK_UN = 8;

    private Flock() {
    }

    /** Waits until this descriptor holds the file's exclusive lock. */
    public static void lockExclusive(Fd fd) throws LinuxException {
        lockWaiting(fd, LOCK_EX, "LOCK_EX");
    }

    /** Waits until this descriptor holds a shared lock on the file. */
    public static void lockShared(Fd fd) throws LinuxException {
        lockWaiting(fd, LOCK_SH, "LOCK_SH");
    }

    /** Takes the exclusive lock if nobody else holds a lock; {@code false} when another holder has one. */
    public static boolean tryLockExclusive(Fd fd) throws LinuxException {
        return tryLock(fd, LOCK_EX | LOCK_NB, "LOCK_EX|LOCK_NB");
    }

    /** Takes a shared lock unless someone holds the exclusive one; {@code false} when someone does. */
    public static boolean tryLockShared(Fd fd) throws LinuxException {
        return tryLock(fd, LOCK_SH | LOCK_NB, "LOCK_SH|LOCK_NB");
    }

    /** Releases this descriptor's lock; releasing a lock that is not held does nothing. */
    public static void unlock(Fd fd) throws LinuxException {
        flock(fd, LOCK_UN, "LOCK_UN");
    }

    private static void lockWaiting(Fd fd, int operation, String shown) throws LinuxException {
        while (true) {
            try {
                flock(fd, operation, shown);
                return;
            } catch (LinuxException e) {
                if (!e.is(Errno.EINTR)) throw e;
            }
        }
    }

    private static boolean tryLock(Fd fd, int operation, String shown) throws LinuxException {
        try {
            flock(fd, operation, shown);
            return true;
        } catch (LinuxException e) {
            if (e.is(Errno.EAGAIN)) return false;
            throw e;
        }
    }

    private static void flock(Fd fd, int operation, String shown) throws LinuxException {
        int number = fd.number();
        Libc.call("flock", fd.path().orElse(null), fd + ", " + shown,
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.FLOCK, number, operation));
    }
}
