package dev.rocket.os.linux;

import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrnoTest {

    @Test
    void namesKnownNumbers() {
        assertSame(Errno.EBUSY, Errno.of(16));
        assertEquals("EBUSY (Device or resource busy)", Errno.of(16).toString());
        assertEquals("EAGAIN", Errno.of(11).name());
    }

    @Test
    void keepsUnknownNumbers() {
        Errno unknown = Errno.of(4000);

        assertEquals(4000, unknown.number());
        assertEquals("errno 4000 (Unknown error 4000)", unknown.toString());
    }

    @Test
    void refusesNumbersThatAreNoError() {
        assertThrows(IllegalArgumentException.class, () -> Errno.of(0));
    }

    @Test
    void anExceptionReadsAsTheCallAndTheError() {
        LinuxException e = new LinuxException(Errno.EBUSY, "mount", "/var/lib/rkt/pods/run/x/stage1/rootfs",
                "\"overlay\", \"/var/lib/rkt/pods/run/x/stage1/rootfs\", \"overlay\", 0, NULL");

        assertEquals("mount(\"overlay\", \"/var/lib/rkt/pods/run/x/stage1/rootfs\", \"overlay\", 0, NULL): "
                + "EBUSY (Device or resource busy)", e.getMessage());
        assertTrue(e.is(Errno.EBUSY));
        assertEquals(RocketException.Kind.FAILED_PRECONDITION, e.kind());
    }

    @Test
    void mapsErrorsToTheKindsOfHostSideFailures() {
        assertEquals(RocketException.Kind.NOT_FOUND, new LinuxException(Errno.ENOENT, "open", "/x", "\"/x\"").kind());
        assertEquals(RocketException.Kind.ALREADY_EXISTS, new LinuxException(Errno.EEXIST, "open", "/x", "\"/x\"").kind());
        assertEquals(RocketException.Kind.PERMISSION_DENIED, new LinuxException(Errno.EPERM, "kill", null, "1").kind());
        assertEquals(RocketException.Kind.INTERNAL, new LinuxException(Errno.of(4000), "x", null, "").kind());
    }
}
