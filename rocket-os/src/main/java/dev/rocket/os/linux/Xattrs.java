package dev.rocket.os.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Extended attributes of any namespace ({@code user.}, {@code trusted.}, {@code security.}, ...) on a file or on a
 * symbolic link itself: {@code lgetxattr}, {@code llistxattr}, {@code lsetxattr}, {@code lremovexattr} (through {@link SystemCalls}). NIO's
 * {@code UserDefinedFileAttributeView} reaches only {@code user.} and follows links.
 */
public final class Xattrs {

    private Xattrs() {
    }

    /** The value of attribute {@code name} (such as {@code user.mime_type}), or empty when the file has none. */
    public static Optional<byte[]> get(Path path, String name) throws LinuxException {
        String shown = path.toString();
        try {
            while (true) {
                long size = Libc.call("lgetxattr", shown, Libc.quote(shown) + ", " + Libc.quote(name) + ", NULL, 0",
                        (arena, state) -> SystemCalls.invoke(state, SystemCalls.LGETXATTR,
                                SystemCalls.pointer(Libc.cString(arena, shown)), SystemCalls.pointer(Libc.cString(arena, name)), 0L, 0L));
                try {
                    return Optional.of(read(shown, name, size));
                } catch (LinuxException e) {
                    // The value grew between asking for its size and reading it: ask again.
                    if (!e.is(Errno.ERANGE)) throw e;
                }
            }
        } catch (LinuxException e) {
            if (e.is(Errno.ENODATA)) return Optional.empty();
            throw e;
        }
    }

    /** The names of the attributes of {@code path} that this process may see. */
    public static List<String> list(Path path) throws LinuxException {
        String shown = path.toString();
        while (true) {
            long size = Libc.call("llistxattr", shown, Libc.quote(shown) + ", NULL, 0",
                    (arena, state) -> SystemCalls.invoke(state, SystemCalls.LLISTXATTR,
                            SystemCalls.pointer(Libc.cString(arena, shown)), 0L, 0L));
            byte[] names = new byte[(int) size];
            try {
                long read = Libc.call("llistxattr", shown, Libc.quote(shown) + ", list, " + size, (arena, state) -> {
                    MemorySegment buffer = arena.allocate(Math.max(size, 1));
                    long length = SystemCalls.invoke(state, SystemCalls.LLISTXATTR,
                            SystemCalls.pointer(Libc.cString(arena, shown)), SystemCalls.pointer(buffer), size);
                    if (length > 0) MemorySegment.copy(buffer, JAVA_BYTE, 0, names, 0, (int) length);
                    return length;
                });
                return splitNames(names, (int) read);
            } catch (LinuxException e) {
                if (!e.is(Errno.ERANGE)) throw e;
            }
        }
    }

    /** Sets attribute {@code name} to {@code value}, creating or replacing it. */
    public static void set(Path path, String name, byte[] value) throws LinuxException {
        String shown = path.toString();
        Libc.call("lsetxattr", shown, Libc.quote(shown) + ", " + Libc.quote(name) + ", " + value.length + " bytes",
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.LSETXATTR, SystemCalls.pointer(Libc.cString(arena, shown)),
                        SystemCalls.pointer(Libc.cString(arena, name)), SystemCalls.pointer(arena.allocateFrom(JAVA_BYTE, value)),
                        value.length, 0));
    }

    /** Removes attribute {@code name}; fails with {@code ENODATA} when the file does not have it. */
    public static void remove(Path path, String name) throws LinuxException {
        String shown = path.toString();
        Libc.call("lremovexattr", shown, Libc.quote(shown) + ", " + Libc.quote(name),
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.LREMOVEXATTR,
                        SystemCalls.pointer(Libc.cString(arena, shown)), SystemCalls.pointer(Libc.cString(arena, name))));
    }

    private static byte[] read(String path, String name, long size) throws LinuxException {
        byte[] value = new byte[(int) size];
        long read = Libc.call("lgetxattr", path, Libc.quote(path) + ", " + Libc.quote(name) + ", value, " + size,
                (arena, state) -> {
                    MemorySegment buffer = arena.allocate(Math.max(size, 1));
                    long length = SystemCalls.invoke(state, SystemCalls.LGETXATTR, SystemCalls.pointer(Libc.cString(arena, path)),
                            SystemCalls.pointer(Libc.cString(arena, name)), SystemCalls.pointer(buffer), size);
                    if (length > 0) MemorySegment.copy(buffer, JAVA_BYTE, 0, value, 0, (int) length);
                    return length;
                });
        return read == size ? value : Arrays.copyOf(value, (int) read);
    }

    /** The list is names, each ended by a NUL. */
    private static List<String> splitNames(byte[] list, int length) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (list[i] == 0) {
                names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return names;
    }
}
