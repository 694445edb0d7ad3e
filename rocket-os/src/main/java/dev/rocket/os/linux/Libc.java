package dev.rocket.os.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Binds glibc functions and calls them. Each class keeps its handles in {@code static final} fields, so a
 * function is bound when the first class that needs it is used. {@link #call} turns a result of -1 into a
 * {@link LinuxException} built from the errno the linker captured right after the call.
 */
final class Libc {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code AT_FDCWD}: a *at call resolves a relative path against the working directory. */
    static final int AT_FDCWD = -100;
    /** {@code AT_SYMLINK_NOFOLLOW}: a *at call acts on a symbolic link itself. */
    static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** What a call does between binding and checking: the capture segment comes first in every handle. */
    @FunctionalInterface
    interface Body {
        long invoke(Arena arena, MemorySegment callState) throws Throwable;
    }

    private Libc() {
    }

    /** The layout of the segment a handle's captured errno is written to. */
    static StructLayout callStateLayout() {
        return CALL_STATE;
    }

    // Binding native functions is what this class is for: the restricted-method warning would only repeat that.
    /** A handle for {@code name} whose first parameter is the segment that receives errno. */
    @SuppressWarnings("restricted")
    static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    /** As {@link #function} for a C function declared with {@code ...} from parameter {@code firstVariadic} on. */
    @SuppressWarnings("restricted")
    static MethodHandle variadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
        return LINKER.downcallHandle(symbol(name), descriptor,
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** A handle for a function that cannot fail, such as {@code getpid}; it takes no capture segment. */
    @SuppressWarnings("restricted")
    static MethodHandle infallible(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    /**
     * Runs {@code body} in a fresh arena and returns its result.
     *
     * @param function  the C function, for the message
     * @param path      the file it acts on, or {@code null}
     * @param arguments the arguments as the message shows them
     * @throws LinuxException when the result is -1
     */
    static long call(String function, String path, String arguments, Body body) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = arena.allocate(CALL_STATE);
            long result = invoke(body, arena, callState);
            if (result == -1) {
                throw new LinuxException(Errno.of((int) ERRNO.get(callState, 0L)), function, path, arguments);
            }
            return result;
        }
    }

    /** Calls a handle made by {@link #infallible}. */
    static long callInfallible(Body body) {
        try (Arena arena = Arena.ofConfined()) {
            return invoke(body, arena, MemorySegment.NULL);
        }
    }

    /** A NUL-terminated copy of {@code text}; a NUL inside would silently cut it short, so it is refused. */
    static MemorySegment cString(Arena arena, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to the kernel: " + quote(text));
        }
        return arena.allocateFrom(text);
    }

    /** As {@link #cString}, or the NULL pointer for {@code null}. */
    static MemorySegment cStringOrNull(Arena arena, String text) {
        return text == null ? MemorySegment.NULL : cString(arena, text);
    }

    static String quote(String text) {
        return text == null ? "NULL" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static long invoke(Body body, Arena arena, MemorySegment callState) {
        try {
            return body.invoke(arena, callState);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a native call threw a checked exception", e);
        }
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no function " + name));
    }
}
