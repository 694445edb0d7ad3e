package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CapabilityTest {

    @ParameterizedTest
    @EnumSource(Capability.class)
    void readsEveryCapabilityByItsName(Capability capability) throws SpecException {
        assertEquals(capability, Capability.parse(capability.name()));
    }

    @Test
    void coversTheKernelNumbersWithoutGaps() {
        Capability[] all = Capability.values();
        assertEquals(41, all.length);
        for (int i = 0; i < all.length; i++) assertEquals(i, all[i].number(), all[i]::name);
        assertEquals(40, Capability.CAP_CHECKPOINT_RESTORE.number());
        assertEquals(21, Capability.CAP_SYS_ADMIN.number());
    }

    @Test
    void theAppcDefaultSetHasTheFourteenCapabilitiesOfTheSpec() {
        assertEquals(14, Capability.APPC_DEFAULT_SET.size());
        assertEquals(true, Capability.APPC_DEFAULT_SET.contains(Capability.CAP_NET_BIND_SERVICE));
        assertEquals(false, Capability.APPC_DEFAULT_SET.contains(Capability.CAP_SYS_ADMIN));
        assertThrows(UnsupportedOperationException.class, () -> Capability.APPC_DEFAULT_SET.add(Capability.CAP_BPF));
    }

    @ParameterizedTest
    @CsvSource({"net_admin, CAP_NET_ADMIN", "NET_ADMIN, CAP_NET_ADMIN", "cap_sys_chroot, CAP_SYS_CHROOT",
            "Cap_Bpf, CAP_BPF"})
    void namesTheRightSpellingOfAKnownCapability(String text, String meant) {
        SpecException e = assertThrows(SpecException.class, () -> Capability.parse(text));
        assertOnlyViolation(e, "$", text, "use " + meant);
    }

    @ParameterizedTest
    @CsvSource({"CAP_NET_ADMINS", "CAP_SYS_EVERYTHING", "CAP_", "'CAP_NET_ADMIN '", "ALL"})
    void refusesUnknownNames(String text) {
        SpecException e = assertThrows(SpecException.class, () -> Capability.parse(text));
        assertOnlyViolation(e, "$", text, "not a Linux capability");
    }

    @Test
    void refusesEmptyNames() {
        assertOnlyViolation(assertThrows(SpecException.class, () -> Capability.parse("")), "$", "", "must not be empty");
    }
}
