package dev.rocket.os.linux;

import java.nio.file.Path;
import java.util.Set;


/**
 * Opening, duplicating and closing file descriptors and their close-on-exec flag: {@code openat}, {@code dup3},
 * {@code close}, {@code fcntl}, {@code close_range}, {@code syncfs} (through {@link SystemCalls}).
 */
public final class FileDescriptors {

    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    /** {@code ~0U}: the last descriptor there can be. */
    private static final long MAX_FD = 0xFFFF_FFFFL;

    private FileDescriptors() {
    }

    /** Opens {@code path} (relative paths against the working directory); {@code mode} counts with {@code O_CREAT}. */
    public static Fd open(Path path, Set<OpenFlag> flags, int mode) throws LinuxException {
        return openAt(Libc.AT_FDCWD, path.toString(), flags, mode, path.toString());
    }

    /** Opens {@code path} read-only, or as {@code flags} say. */
    public static Fd open(Path path, Set<OpenFlag> flags) throws LinuxException {
        return open(path, flags, 0);
    }

    /** Opens {@code name} relative to the directory {@code dir}, as {@code openat(2)}. */
    public static Fd openAt(Fd dir, String name, Set<OpenFlag> flags, int mode) throws LinuxException {
        String shown = dir.describe(name);
        return openAt(dir.number(), name, flags, mode, shown);
    }

    private static Fd openAt(int dirFd, String name, Set<OpenFlag> flags, int mode, String shown)
            throws LinuxException {
        int bits = (int) BitFlag.combine(flags);
        int fd = (int) Libc.call("openat", shown, Libc.quote(shown) + ", " + BitFlag.names(flags) + ", 0" + Integer.toOctalString(mode),
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.OPENAT, dirFd, SystemCalls.pointer(Libc.cString(arena, name)), bits, mode));
        return Fd.adopt(fd, shown);
    }

    /**
     * Writes everything cached of the filesystem that holds {@code path} to disk ({@code syncfs(2)}): one call
     * instead of an fsync per file of a large tree.
     */
    public static void syncFileSystem(Path path) throws LinuxException {
        try (Fd fd = open(path, Set.of(OpenFlag.O_CLOEXEC))) {
            int number = fd.number();
            Libc.call("syncfs", path.toString(), "fd " + number,
                    (arena, state) -> SystemCalls.invoke(state, SystemCalls.SYNCFS, number));
        }
    }

    static void close(int fd, String path) throws LinuxException {
        // Linux releases the descriptor even when close fails, so a failed close must never be retried.
        Libc.call("close", path, "fd " + fd, (arena, state) -> SystemCalls.invoke(state, SystemCalls.CLOSE, fd));
    }

    static boolean closeOnExec(Fd fd) throws LinuxException {
        int number = fd.number();
        long flags = Libc.call("fcntl", fd.path().orElse(null), "fd " + number + ", F_GETFD",
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.FCNTL, number, F_GETFD));
        return (flags & FD_CLOEXEC) != 0;
    }

    static void closeOnExec(Fd fd, boolean closeOnExec) throws LinuxException {
        setCloseOnExec(fd.number(), fd.path().orElse(null), closeOnExec);
    }

    /** Sets or clears {@code FD_CLOEXEC} on a descriptor that no {@link Fd} owns, such as standard input. */
    static void setCloseOnExec(int fd, String path, boolean closeOnExec) throws LinuxException {
        int flag = closeOnExec ? FD_CLOEXEC : 0;
        Libc.call("fcntl", path, "fd " + fd + ", F_SETFD, " + flag,
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.FCNTL, fd, F_SETFD, flag));
    }

    /**
     * Marks every descriptor from {@code first} on close-on-exec, whoever opened it: the JVM opens its own
     * descriptors without {@code O_CLOEXEC}, and a program started by {@code execve} must not inherit them.
     */
    public static void closeOnExecFrom(int first) throws LinuxException {
        if (first < 0) throw new IllegalArgumentException("a file descriptor is not negative: " + first);
        Libc.call("close_range", null, first + ", ~0U, CLOSE_RANGE_CLOEXEC",
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.CLOSE_RANGE, first, MAX_FD, CLOSE_RANGE_CLOEXEC));
    }

    /**
     * Duplicates {@code fd} onto descriptor {@code number} ({@code dup3}), closing whatever was open there first,
     * without close-on-exec: for a program started by {@code execve} that can only name low descriptors (a
     * POSIX shell names 0 to 9). The duplicate shares the open file, and with it any {@code flock}.
     */
    public static Fd duplicateTo(Fd fd, int number) throws LinuxException {
        if (number < 0) throw new IllegalArgumentException("a file descriptor is not negative: " + number);
        int source = fd.number();
        if (source == number) return fd;
        String path = fd.path().orElse(null);
        Libc.call("dup3", path, "fd " + source + ", " + number + ", 0",
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.DUP3, source, number, 0));
        return Fd.adopt(number, path);
    }
}
