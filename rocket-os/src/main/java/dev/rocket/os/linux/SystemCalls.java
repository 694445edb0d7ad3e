package dev.rocket.os.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * System calls through glibc's {@code syscall(2)}: one downcall handle, of one shape (a number and six
 * {@code long}s, errno captured), serves every call made this way. The FFM linker spins classes for each
 * distinct function shape it binds (tens of milliseconds each at start-up, the first one well over a hundred), so
 * the calls of a pod's start ({@code openat}, {@code close}, {@code fcntl}, {@code close_range}, {@code flock},
 * {@code mount}, {@code umount2}, {@code execve}, and {@code unshare}, {@code socket}, {@code ioctl} to make its
 * namespaces) all go through this one. Integers travel sign-extended (the
 * kernel reads an {@code int} argument from the low 32 bits), pointers as their addresses; a result of -1 sets
 * errno, as with the named wrappers.
 */
public final class SystemCalls {

    // the calls' numbers on x86_64 and aarch64 (asm/unistd_64.h, asm-generic/unistd.h)
    static final int OPENAT = Arch.pick(257, 56);
    static final int CLOSE = Arch.pick(3, 57);
    static final int FCNTL = Arch.pick(72, 25);
    static final int CLOSE_RANGE = Arch.pick(436, 436);
    static final int FLOCK = Arch.pick(73, 32);
    static final int MOUNT = Arch.pick(165, 40);
    static final int UMOUNT2 = Arch.pick(166, 39);
    static final int EXECVE = Arch.pick(59, 221);
    static final int GETPID = Arch.pick(39, 172);
    static final int UNSHARE = Arch.pick(272, 97);
    static final int SETNS = Arch.pick(308, 268);
    static final int SOCKET = Arch.pick(41, 198);
    static final int IOCTL = Arch.pick(16, 29);
    static final int DUP3 = Arch.pick(292, 24);
    static final int PRCTL = Arch.pick(157, 167);
    static final int MKNODAT = Arch.pick(259, 33);
    static final int SYNCFS = Arch.pick(306, 267);
    static final int LSETXATTR = Arch.pick(189, 6);
    static final int LGETXATTR = Arch.pick(192, 9);
    static final int LLISTXATTR = Arch.pick(195, 12);
    static final int LREMOVEXATTR = Arch.pick(198, 15);
    static final int FCHOWNAT = Arch.pick(260, 54);
    static final int UTIMENSAT = Arch.pick(280, 88);
    static final int FCHMODAT = Arch.pick(268, 53);
    static final int KILL = Arch.pick(62, 129);

    private static final int ARGUMENTS = 6;

    private static final MethodHandle SYSCALL = Libc.variadic("syscall", FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);

    private SystemCalls() {
    }

    /**
     * Binds the shared handle and makes one harmless call through it ({@code getpid}), so that a later first
     * call costs no more than any other; for a start-up thread of its own while other work runs.
     */
    public static void warmUp() {
        try (Arena arena = Arena.ofConfined()) {
            invoke(arena.allocate(Libc.callStateLayout()), GETPID);
        }
    }

    /**
     * Calls system call {@code number} with {@code arguments} (at most six; the rest are 0), {@code callState}
     * receiving errno; the raw result, -1 on failure. For {@link Libc#call}'s body.
     */
    static long invoke(MemorySegment callState, int number, long... arguments) {
        if (arguments.length > ARGUMENTS) throw new IllegalArgumentException("a system call takes at most six arguments");
        long[] all = new long[ARGUMENTS];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        try {
            return (long) SYSCALL.invokeExact(callState, (long) number, all[0], all[1], all[2], all[3], all[4], all[5]);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a native call threw a checked exception", e);
        }
    }

    /** A pointer argument: the address of {@code segment} (0 for {@link MemorySegment#NULL}). */
    static long pointer(MemorySegment segment) {
        return segment.address();
    }
}
