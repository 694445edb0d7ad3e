package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs root. Works on a dedicated thread: both calls change the calling thread only, which then ends. */
class NamespacesTest {

    private static final Path THREAD_UTS = Path.of("/proc/thread-self/ns/uts");

    @Test
    void unshareGivesTheThreadANewNamespaceAndSetnsTakesItBack() throws Exception {
        List<String> seen = new ArrayList<>();
        Throwable failure = onOwnThread(() -> {
            try (Fd original = FileDescriptors.open(THREAD_UTS, Set.of(OpenFlag.O_CLOEXEC))) {
                seen.add(Files.readSymbolicLink(THREAD_UTS).toString());
                Namespaces.unshare(Set.of(Namespace.UTS));
                seen.add(Files.readSymbolicLink(THREAD_UTS).toString());
                Namespaces.enter(original, Namespace.UTS);
                seen.add(Files.readSymbolicLink(THREAD_UTS).toString());
            }
        });

        assertNull(failure);
        assertTrue(seen.getFirst().startsWith("uts:["), seen.toString());
        assertNotEquals(seen.get(0), seen.get(1), "unshare made a new UTS namespace");
        assertEquals(seen.get(0), seen.get(2), "setns went back to the first one");
        assertEquals(seen.get(0), Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString(),
                "the other threads never left it");
    }

    @Test
    void enteringANamespaceOfAnotherKindFailsWithEinval() throws Exception {
        AtomicReference<LinuxException> error = new AtomicReference<>();
        Throwable failure = onOwnThread(() -> {
            try (Fd uts = FileDescriptors.open(THREAD_UTS, Set.of(OpenFlag.O_CLOEXEC))) {
                error.set(assertThrows(LinuxException.class, () -> Namespaces.enter(uts, Namespace.NETWORK)));
            }
        });

        assertNull(failure);
        assertEquals(Errno.EINVAL, error.get().errno());
        assertEquals("setns", error.get().call());
        assertEquals(THREAD_UTS.toString(), error.get().path().orElseThrow());
    }

    @Test
    void pinNewMakesNamespacesThatOutliveTheirThreadWithLoopbackUp(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path net = Files.createFile(dir.resolve("net"));
        Path uts = Files.createFile(dir.resolve("uts"));
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        Namespaces.pinNew(new java.util.LinkedHashMap<>(java.util.Map.of(Namespace.NETWORK, net, Namespace.UTS, uts)), true);
        try {
            Process ip = new ProcessBuilder("nsenter", "--net=" + net, "ip", "-o", "link", "show", "lo")
                    .redirectErrorStream(true).start();
            String link = new String(ip.getInputStream().readAllBytes());
            assertEquals(0, ip.waitFor(), link);
            assertTrue(link.contains("<LOOPBACK,UP"), link);
            assertEquals(own, Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), "this thread stays in its own");
            Process hostname = new ProcessBuilder("nsenter", "--uts=" + uts, "hostname").redirectErrorStream(true).start();
            hostname.getInputStream().readAllBytes();
            assertEquals(0, hostname.waitFor());
        } finally {
            Mounts.unmount(net, Set.of(UnmountFlag.MNT_DETACH));
            Mounts.unmount(uts, Set.of(UnmountFlag.MNT_DETACH));
        }
    }

    @Test
    void pinNewRefusesUserAndMountNamespacesAndUndoesAFailedPin(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> Namespaces.pinNew(java.util.Map.of(Namespace.USER, dir.resolve("user")), false));
        Path uts = Files.createFile(dir.resolve("uts"));
        Path missing = dir.resolve("no-such-dir/net");
        java.util.Map<Namespace, Path> pins = new java.util.LinkedHashMap<>();
        pins.put(Namespace.UTS, uts);
        pins.put(Namespace.NETWORK, missing);
        LinuxException e = assertThrows(LinuxException.class, () -> Namespaces.pinNew(pins, true));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(java.nio.file.Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().noneMatch(l -> l.contains(uts.toString())),
                "the UTS pin made first is undone");
    }

    interface Work {
        void run() throws Exception;
    }

    private static Throwable onOwnThread(Work work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.join();
        return failure.get();
    }
}
