package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemCallsTest {

    @Test
    void callsThroughTheSharedHandleReturnTheKernelsResult() {
        SystemCalls.warmUp();
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(ProcessHandle.current().pid(),
                    SystemCalls.invoke(arena.allocate(Libc.callStateLayout()), SystemCalls.GETPID));
        }
    }

    @Test
    void aFailingCallReportsItsErrno() {
        LinuxException e = assertThrows(LinuxException.class, () -> FileDescriptors.close(1 << 30, null));
        assertTrue(e.is(Errno.EBADF), e.getMessage());
    }

    @Test
    void refusesMoreArgumentsThanASystemCallTakes() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class,
                    () -> SystemCalls.invoke(arena.allocate(Libc.callStateLayout()), SystemCalls.GETPID, 1, 2, 3, 4, 5, 6, 7));
        }
    }
}
