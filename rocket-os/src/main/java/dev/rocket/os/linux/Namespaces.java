package dev.rocket.os.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Leaving and entering namespaces: {@code unshare(2)} and {@code setns(2)}. Both act on the calling thread only
 * (in a JVM other threads keep their namespaces), so call them from a thread that does nothing else, such as
 * one dedicated to a network namespace. The kernel refuses to move a multi-threaded process into a new user or
 * mount namespace in some cases; a JVM is always multi-threaded.
 */
public final class Namespaces {

    private static final MethodHandle UNSHARE = Libc.function("unshare",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = Libc.function("setns",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private Namespaces() {
    }

    /** Moves the calling thread into new namespaces of the given kinds. */
    public static void unshare(Set<Namespace> namespaces) throws LinuxException {
        if (namespaces.isEmpty()) throw new IllegalArgumentException("unshare needs at least one namespace");
        int flags = (int) BitFlag.combine(namespaces);
        Libc.call("unshare", null, BitFlag.names(namespaces), (arena, state) -> (int) UNSHARE.invokeExact(state, flags));
    }

    /**
     * Moves the calling thread into the namespace that {@code namespaceFd} refers to (opened from
     * {@code /proc/PID/ns/KIND} or a bind mount of it), checking that it is of kind {@code kind}.
     */
    public static void enter(Fd namespaceFd, Namespace kind) throws LinuxException {
        int fd = namespaceFd.number();
        int flag = (int) kind.value();
        Libc.call("setns", namespaceFd.path().orElse(null), namespaceFd + ", " + kind,
                (arena, state) -> (int) SETNS.invokeExact(state, fd, flag));
    }
}
