package dev.rocket.os.linux;

import dev.rocket.base.Threads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Leaving and entering namespaces: {@code unshare(2)} and {@code setns(2)}. Both act on the calling thread only
 * (in a JVM other threads keep their namespaces), so call them from a thread that does nothing else, such as
 * one dedicated to a network namespace. The kernel refuses to move a multi-threaded process into a new user or
 * mount namespace in some cases; a JVM is always multi-threaded.
 */
public final class Namespaces {

    /** The calling thread's namespaces, one file per kind. */
    private static final String THREAD_NAMESPACES = "/proc/thread-self/ns/";

    private Namespaces() {
    }

    /** Moves the calling thread into new namespaces of the given kinds. */
    public static void unshare(Set<Namespace> namespaces) throws LinuxException {
        if (namespaces.isEmpty()) throw new IllegalArgumentException("unshare needs at least one namespace");
        long flags = BitFlag.combine(namespaces);
        Libc.call("unshare", null, BitFlag.names(namespaces),
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.UNSHARE, flags));
    }

    /**
     * Gives the calling thread a mount namespace of its own in which {@code mounts} are lazily unmounted, for a
     * thread about to {@code execve} a program that must not see them. The copy is a slave of the host's: mounts
     * the host makes later still appear in it, while nothing unmounted or mounted in it goes back. Unlike joining
     * one, making a mount namespace is allowed to a thread of a multi-threaded process (it gets its own
     * file-system context); the process's other threads keep the host's view until the {@code execve} ends them.
     */
    public static void unmountInOwnView(List<Path> mounts) throws LinuxException {
        unshare(Set.of(Namespace.MOUNT));
        Mounts.mount(null, Path.of("/"), null, Set.of(MountFlag.MS_REC, MountFlag.MS_SLAVE), null);
        for (Path mount : mounts) Mounts.unmount(mount, Set.of(UnmountFlag.MNT_DETACH));
    }

    /**
     * Moves the calling thread into the namespace that {@code namespaceFd} refers to (opened from
     * {@code /proc/PID/ns/KIND} or a bind mount of it), checking that it is of kind {@code kind}.
     */
    public static void enter(Fd namespaceFd, Namespace kind) throws LinuxException {
        int fd = namespaceFd.number();
        long flag = kind.value();
        Libc.call("setns", namespaceFd.path().orElse(null), namespaceFd + ", " + kind,
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.SETNS, fd, flag));
    }

    /**
     * Creates a new namespace of each kind in {@code pins} and pins it at its file (which must exist) by a bind
     * mount, so that it lives on without any process in it and others can join it by path; with
     * {@code loopbackUp} the new network namespace's loopback interface is brought up. It runs on a thread of its
     * own, which ends afterwards: no other thread of this process enters them, and no helper process is needed
     * (as util-linux's {@code unshare --net=FILE} would be). User and mount namespaces cannot be made so in a
     * multi-threaded process. If a step fails, the pins already made are undone.
     */
    public static void pinNew(Map<Namespace, Path> pins, boolean loopbackUp) throws LinuxException {
        if (pins.isEmpty()) throw new IllegalArgumentException("no namespace to pin");
        if (pins.containsKey(Namespace.USER) || pins.containsKey(Namespace.MOUNT)) {
            throw new IllegalArgumentException("a multi-threaded process cannot make user or mount namespaces this way");
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("rkt-namespaces").start(() -> {
            List<Path> pinned = new ArrayList<>();
            try {
                unshare(pins.keySet());
                for (Map.Entry<Namespace, Path> pin : pins.entrySet()) {
                    Mounts.mount(THREAD_NAMESPACES + pin.getKey().procName(), pin.getValue(), null,
                            Set.of(MountFlag.MS_BIND), null);
                    pinned.add(pin.getValue());
                }
                if (loopbackUp && pins.containsKey(Namespace.NETWORK)) NetworkInterfaces.up(NetworkInterfaces.LOOPBACK);
            } catch (Throwable e) {
                for (Path file : pinned) {
                    try {
                        Mounts.unmount(file, Set.of(UnmountFlag.MNT_DETACH));
                    } catch (LinuxException undo) {
                        e.addSuppressed(undo);
                    }
                }
                failure.set(e);
            }
        });
        Threads.joinUninterruptibly(thread); // the thread finishes by itself; its outcome is still this call's
        switch (failure.get()) {
            case null -> { }
            case LinuxException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable e -> throw new IllegalStateException("pinning namespaces failed: " + e, e);
        }
    }
}
