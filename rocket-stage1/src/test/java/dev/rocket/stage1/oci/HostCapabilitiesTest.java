package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.Capability;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostCapabilitiesTest {

    @Test
    void permittedSetFromTheStatusMask() {
        HostCapabilities host = HostCapabilities.parse("Name:\tx\nCapInh:\t0000000000000000\nCapPrm:\t000001fffeffffff\n");
        assertEquals(Set.of(Capability.CAP_SYS_RESOURCE), host.missingFrom(Set.of(Capability.values())));
        assertTrue(host.permitted().contains(Capability.CAP_CHECKPOINT_RESTORE));
    }

    @Test
    void thisProcessHasAtLeastTheAppcDefaults() {
        assertEquals(Set.of(), HostCapabilities.ofThisProcess().missingFrom(Capability.APPC_DEFAULT_SET));
    }
}
