package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyscallNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"read", "clock_settime", "umount2", "_llseek", "_newselect", "io_uring_setup"})
    void readsSyscallNames(String text) throws SpecException {
        SyscallName name = SyscallName.parse(text);
        assertEquals(text, name.toString());
        assertFalse(name.isWildcard());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@appc.io/all", "@appc.io/empty", "@rkt/default-blacklist", "@rkt/default-whitelist",
            "@docker/default-blacklist", "@docker/default-whitelist", "@systemd/network-io", "@example.com/my_set"})
    void readsWildcards(String text) throws SpecException {
        assertTrue(SyscallName.parse(text).isWildcard());
    }

    @Test
    void theAppcWildcardsAreConstants() throws SpecException {
        assertEquals(SyscallName.ALL, SyscallName.parse("@appc.io/all"));
        assertEquals(SyscallName.EMPTY, SyscallName.parse("@appc.io/empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@appc.io/none", "@appc.io/default-blacklist"})
    void refusesWildcardsTheSpecDoesNotDefineInItsScope(String text) {
        assertOnlyViolation(assertThrows(SpecException.class, () -> SyscallName.parse(text)),
                "$", text, "defines only @appc.io/all and @appc.io/empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@all", "@", "@rkt/", "@/x", "@Rkt/default", "@rkt/a/b", "@rkt /x"})
    void refusesMalformedWildcards(String text) {
        assertOnlyViolation(assertThrows(SpecException.class, () -> SyscallName.parse(text)),
                "$", text, "@scope/name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Read", "READ", "clock settime", "2read", "read()", "open-at", " read"})
    void refusesMalformedSyscallNames(String text) {
        assertOnlyViolation(assertThrows(SpecException.class, () -> SyscallName.parse(text)),
                "$", text, "lowercase letters, digits and _");
    }

    @Test
    void refusesEmptyAndTrustedNonsense() {
        assertOnlyViolation(assertThrows(SpecException.class, () -> SyscallName.parse("")), "$", "", "must not be empty");
        assertThrows(IllegalArgumentException.class, () -> new SyscallName("Not A Syscall"));
    }
}
