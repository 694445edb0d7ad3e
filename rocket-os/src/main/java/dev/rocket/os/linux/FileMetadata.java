package dev.rocket.os.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Owner, times and mode of a file, also of a symbolic link itself, as extracting an image needs and NIO cannot
 * do on links: {@code lchown}, {@code fchownat}, {@code utimensat} and {@code fchmodat} (through
 * {@link SystemCalls}, but for glibc's {@code fchmodat} on links). With {@link LinkOption#NOFOLLOW_LINKS} a call
 * acts on a symbolic link rather than on its target.
 */
public final class FileMetadata {

    /** {@code UTIME_OMIT}: leave this time as it is. */
    private static final long UTIME_OMIT = (1L << 30) - 2;

    // With AT_SYMLINK_NOFOLLOW glibc's: the system call has no flags argument, so it would follow a symbolic link
    // where the caller asked not to (glibc refuses a link instead)
    private static final MethodHandle FCHMODAT_NOFOLLOW = Libc.function("fchmodat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private FileMetadata() {
    }

    /** Sets owner and group of {@code path} without following a symbolic link there. */
    public static void lchown(Path path, int uid, int gid) throws LinuxException {
        String shown = path.toString();
        // fchownat with AT_SYMLINK_NOFOLLOW is lchown; aarch64 has no lchown system call
        Libc.call("lchown", shown, Libc.quote(shown) + ", " + uid + ", " + gid,
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.FCHOWNAT, Libc.AT_FDCWD,
                        SystemCalls.pointer(Libc.cString(arena, shown)), uid, gid, Libc.AT_SYMLINK_NOFOLLOW));
    }

    /** Sets owner and group of {@code name} in the directory {@code dir}. */
    public static void chownAt(Fd dir, String name, int uid, int gid, LinkOption... options) throws LinuxException {
        int dirFd = dir.number();
        int flags = atFlags(options);
        String shown = dir.describe(name);
        Libc.call("fchownat", shown, Libc.quote(shown) + ", " + uid + ", " + gid + flagsShown(flags),
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.FCHOWNAT, dirFd,
                        SystemCalls.pointer(Libc.cString(arena, name)), uid, gid, flags));
    }

    /**
     * Sets the access and modification times of {@code path} to the nanosecond.
     *
     * @param access       the new access time, or {@code null} to keep it
     * @param modification the new modification time, or {@code null} to keep it
     */
    public static void setTimes(Path path, Instant access, Instant modification, LinkOption... options)
            throws LinuxException {
        utimensat(Libc.AT_FDCWD, path.toString(), path.toString(), access, modification, atFlags(options));
    }

    /** As {@link #setTimes(Path, Instant, Instant, LinkOption...)} for {@code name} in the directory {@code dir}. */
    public static void setTimesAt(Fd dir, String name, Instant access, Instant modification, LinkOption... options)
            throws LinuxException {
        utimensat(dir.number(), name, dir.describe(name), access, modification, atFlags(options));
    }

    /**
     * Sets the permission bits (and set-user-ID, set-group-ID, sticky) of {@code path}. Linux keeps no mode on a
     * symbolic link, so with {@link LinkOption#NOFOLLOW_LINKS} on a link this fails with {@code EOPNOTSUPP}.
     */
    public static void chmod(Path path, int mode, LinkOption... options) throws LinuxException {
        fchmodat(Libc.AT_FDCWD, path.toString(), path.toString(), mode, atFlags(options));
    }

    /** As {@link #chmod} for {@code name} in the directory {@code dir}. */
    public static void chmodAt(Fd dir, String name, int mode, LinkOption... options) throws LinuxException {
        fchmodat(dir.number(), name, dir.describe(name), mode, atFlags(options));
    }

    private static void utimensat(int dirFd, String name, String shown, Instant access, Instant modification,
                                  int flags) throws LinuxException {
        Libc.call("utimensat", shown, Libc.quote(shown) + ", [" + access + ", " + modification + "]" + flagsShown(flags),
                (arena, state) -> {
                    MemorySegment times = arena.allocate(JAVA_LONG, 4);
                    putTimespec(times, 0, access);
                    putTimespec(times, 2, modification);
                    return SystemCalls.invoke(state, SystemCalls.UTIMENSAT, dirFd,
                            SystemCalls.pointer(Libc.cString(arena, name)), SystemCalls.pointer(times), flags);
                });
    }

    private static void fchmodat(int dirFd, String name, String shown, int mode, int flags) throws LinuxException {
        if ((mode & ~07777) != 0) throw new IllegalArgumentException("a mode is at most 07777, not 0" + Integer.toOctalString(mode));
        Libc.call("fchmodat", shown, Libc.quote(shown) + ", 0" + Integer.toOctalString(mode) + flagsShown(flags),
                (arena, state) -> flags == 0
                        ? SystemCalls.invoke(state, SystemCalls.FCHMODAT, dirFd, SystemCalls.pointer(Libc.cString(arena, name)), mode)
                        : (int) FCHMODAT_NOFOLLOW.invokeExact(state, dirFd, Libc.cString(arena, name), mode, flags));
    }

    /** A {@code struct timespec} is two longs: seconds and nanoseconds. */
    private static void putTimespec(MemorySegment times, int index, Instant time) {
        times.setAtIndex(JAVA_LONG, index, time == null ? 0 : time.getEpochSecond());
        times.setAtIndex(JAVA_LONG, index + 1, time == null ? UTIME_OMIT : time.getNano());
    }

    private static int atFlags(LinkOption... options) {
        return Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS) ? Libc.AT_SYMLINK_NOFOLLOW : 0;
    }

    private static String flagsShown(int flags) {
        return flags == Libc.AT_SYMLINK_NOFOLLOW ? ", AT_SYMLINK_NOFOLLOW" : ", 0";
    }
}
