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
