package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.rocket.spec.isolator.Capability.CAP_MKNOD;
import static dev.rocket.spec.isolator.Capability.CAP_NET_ADMIN;
import static dev.rocket.spec.isolator.Capability.CAP_NET_BIND_SERVICE;
import static dev.rocket.spec.isolator.Capability.CAP_SYS_CHROOT;
import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.assertViolation;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static dev.rocket.spec.isolator.IsolatorJson.parse;
import static dev.rocket.spec.isolator.IsolatorJson.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The capability and seccomp set isolators. */
class SetValuesTest {

    @Test
    void readsTheCapabilityRetainSetExample() throws SpecException {
        CapabilitiesRetainSetIsolator retain = parse(CapabilitiesRetainSetIsolator.class,
                "os/linux/capabilities-retain-set", "{'set': ['CAP_NET_ADMIN', 'CAP_NET_BIND_SERVICE']}");
        assertEquals(Set.of(CAP_NET_ADMIN, CAP_NET_BIND_SERVICE), retain.set());
        assertEquals(CapabilitiesRetainSetIsolator.of(CAP_NET_BIND_SERVICE, CAP_NET_ADMIN), retain);
        assertRoundTrip(retain);
    }

    @Test
    void readsTheCapabilityRemoveSetExampleAndWritesKernelOrder() throws SpecException {
        CapabilitiesRemoveSetIsolator remove = parse(CapabilitiesRemoveSetIsolator.class,
                "os/linux/capabilities-remove-set", "{'set': ['CAP_SYS_CHROOT', 'CAP_MKNOD', 'CAP_MKNOD']}");
        assertEquals(Set.of(CAP_SYS_CHROOT, CAP_MKNOD), remove.set());
        assertEquals(json("{'set': ['CAP_SYS_CHROOT', 'CAP_MKNOD']}"), remove.value());
        assertEquals(List.of(CAP_SYS_CHROOT, CAP_MKNOD), List.copyOf(remove.set()));
        assertRoundTrip(remove);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os/linux/capabilities-retain-set", "os/linux/capabilities-remove-set"})
    void refusesUnknownAndMisspelledCapabilities(String name) {
        SpecException e = refused(name, "{'set': ['CAP_NET_ADMIN', 'CAP_NOPE', 'net_raw', 7]}");
        assertEquals(3, e.violations().size(), e::getMessage);
        assertViolation(e.violations().get(0), "$.value.set[1]", "CAP_NOPE", "not a Linux capability");
        assertViolation(e.violations().get(1), "$.value.set[2]", "net_raw", "use CAP_NET_RAW");
        assertViolation(e.violations().get(2), "$.value.set[3]", "7", "must be a JSON string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"os/linux/capabilities-retain-set", "os/linux/capabilities-remove-set",
            "os/linux/seccomp-retain-set", "os/linux/seccomp-remove-set"})
    void refusesEmptyOrMissingSets(String name) {
        assertOnlyViolation(refused(name, "{'set': []}"), "$.value.set", "[]", "non-empty JSON array");
        assertOnlyViolation(refused(name, "{}"), "$.value.set", null, "non-empty JSON array");
        assertOnlyViolation(refused(name, "{'set': 'read'}"), "$.value.set", "\"read\"", "non-empty JSON array");
        assertOnlyViolation(refused(name, "['read']"), "$.value", "[\"read\"]", "must be a JSON object");
    }

    @Test
    void trustedCapabilitySetsMustNotBeEmpty() {
        assertThrows(IllegalArgumentException.class, () -> new CapabilitiesRetainSetIsolator(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> CapabilitiesRemoveSetIsolator.of());
    }

    @Test
    void readsTheSeccompRemoveSetExample() throws SpecException {
        SeccompRemoveSetIsolator remove = parse(SeccompRemoveSetIsolator.class, "os/linux/seccomp-remove-set",
                "{'errno': 'ENOTSUP', 'set': ['clock_adjtime', 'clock_settime', 'reboot']}");
        assertEquals(Optional.of(Errno.ENOTSUP), remove.errno());
        assertEquals(List.of("clock_adjtime", "clock_settime", "reboot"),
                remove.set().stream().map(SyscallName::value).toList());
        assertRoundTrip(remove);
    }

    @Test
    void readsTheSeccompRetainSetExampleWithAnEmptyErrno() throws SpecException {
        SeccompRetainSetIsolator retain = parse(SeccompRetainSetIsolator.class, "os/linux/seccomp-retain-set",
                "{'errno': '', 'set': ['accept', 'bind', 'listen', 'read', 'socket', 'write']}");
        assertEquals(Optional.empty(), retain.errno());
        assertEquals(json("{'set': ['accept', 'bind', 'listen', 'read', 'socket', 'write']}"), retain.value());
        assertEquals(SeccompRetainSetIsolator.of("accept", "bind", "listen", "read", "socket", "write"), retain);
        assertRoundTrip(retain);
    }

    @Test
    void readsWildcardsAndKeepsTheWrittenOrder() throws SpecException {
        SeccompRetainSetIsolator retain = parse(SeccompRetainSetIsolator.class, "os/linux/seccomp-retain-set",
                "{'set': ['@rkt/default-whitelist', 'umount2', 'mount', 'umount2'], 'errno': 'EPERM'}");
        assertEquals(json("{'set': ['@rkt/default-whitelist', 'umount2', 'mount'], 'errno': 'EPERM'}"), retain.value());
        assertEquals(SeccompRetainSetIsolator.of("mount", "umount2", "@rkt/default-whitelist"),
                new SeccompRetainSetIsolator(retain.set(), Optional.empty()));
        assertRoundTrip(parse(SeccompRemoveSetIsolator.class, "os/linux/seccomp-remove-set",
                "{'set': ['@appc.io/empty']}"));
        assertRoundTrip(SeccompRetainSetIsolator.of("@appc.io/all"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"os/linux/seccomp-retain-set", "os/linux/seccomp-remove-set"})
    void reportsEveryBadSyscallAndErrno(String name) {
        SpecException e = refused(name, "{'set': ['read', 'Write', '@appc.io/some', ''], 'errno': 'EACCESX'}");
        assertEquals(4, e.violations().size(), e::getMessage);
        assertViolation(e.violations().get(0), "$.value.set[1]", "Write", "lowercase");
        assertViolation(e.violations().get(1), "$.value.set[2]", "@appc.io/some", "defines only");
        assertViolation(e.violations().get(2), "$.value.set[3]", "", "must not be empty");
        assertViolation(e.violations().get(3), "$.value.errno", "EACCESX", "not a Linux errno name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"os/linux/seccomp-retain-set", "os/linux/seccomp-remove-set"})
    void refusesErrnoInTheWrongCaseOrType(String name) {
        assertOnlyViolation(refused(name, "{'set': ['read'], 'errno': 'eperm'}"), "$.value.errno", "eperm", "use EPERM");
        assertOnlyViolation(refused(name, "{'set': ['read'], 'errno': 1}"), "$.value.errno", "1", "JSON string");
        assertOnlyViolation(refused(name, "{'set': ['read'], 'errnos': 'EPERM'}"), "$.value.errnos", null,
                "its fields are set, errno");
    }

    @Test
    void trustedSeccompSetsNeedASetAndAnErrnoOptional() {
        assertThrows(IllegalArgumentException.class, () -> SeccompRemoveSetIsolator.of());
        assertThrows(IllegalArgumentException.class, () -> SeccompRemoveSetIsolator.of("Read"));
        assertThrows(IllegalArgumentException.class, () -> new SeccompRetainSetIsolator(Set.of(SyscallName.ALL), null));
    }
}
