package dev.rocket.stage1.isolation;

import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.Errno;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
import dev.rocket.spec.isolator.SeccompRetainSetIsolator;
import dev.rocket.spec.isolator.SeccompSetIsolator;
import dev.rocket.spec.isolator.SyscallName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolatorFlagsTest {

    @Test
    void capabilityFlagsAreRetainOrRemoveSets() throws Exception {
        assertEquals(new CapabilitiesRetainSetIsolator(Set.of(Capability.CAP_NET_ADMIN, Capability.CAP_KILL)),
                IsolatorFlags.capabilities("CAP_NET_ADMIN, CAP_KILL", true));
        assertInstanceOf(CapabilitiesRemoveSetIsolator.class, IsolatorFlags.capabilities("CAP_NET_RAW", false));
    }

    @Test
    void unknownCapabilityNamesTheFlag() {
        RocketException e = assertThrows(RocketException.class, () -> IsolatorFlags.capabilities("CAP_FLY", true));
        assertTrue(e.getMessage().startsWith("--caps-retain \"CAP_FLY\""), e.getMessage());
    }

    @Test
    void seccompFlagHasModeErrnoAndSyscalls() throws Exception {
        SeccompSetIsolator remove = IsolatorFlags.seccomp("mode=remove,errno=ENOTSUP,reboot,@rkt/default-blacklist");
        assertInstanceOf(SeccompRemoveSetIsolator.class, remove);
        assertEquals(Optional.of(Errno.ENOTSUP), remove.errno());
        assertEquals(List.of(new SyscallName("reboot"), new SyscallName("@rkt/default-blacklist")), List.copyOf(remove.set()));
        SeccompSetIsolator retain = IsolatorFlags.seccomp("mode=retain,@docker/default-whitelist");
        assertInstanceOf(SeccompRetainSetIsolator.class, retain);
        assertEquals(Optional.empty(), retain.errno());
    }

    @Test
    void seccompFlagWithoutModeOrSyscallsOrWithABadErrnoIsRefused() {
        assertTrue(assertThrows(RocketException.class, () -> IsolatorFlags.seccomp("reboot")).getMessage()
                .contains("mode=retain or mode=remove"));
        assertTrue(assertThrows(RocketException.class, () -> IsolatorFlags.seccomp("mode=remove")).getMessage()
                .contains("at least one syscall"));
        assertTrue(assertThrows(RocketException.class, () -> IsolatorFlags.seccomp("mode=remove,errno=eperm,reboot"))
                .getMessage().contains("use EPERM"));
    }

    @Test
    void memoryAndCpuInKubernetesQuantities() throws Exception {
        assertEquals(512L * 1024 * 1024, IsolatorFlags.memory("512Mi").limit().amount());
        assertEquals(1500, IsolatorFlags.cpu("1.5").limit().amount());
        assertEquals(250, IsolatorFlags.cpu("250m").limit().amount());
        assertTrue(assertThrows(RocketException.class, () -> IsolatorFlags.memory("lots")).getMessage()
                .startsWith("--memory \"lots\""));
    }
}
