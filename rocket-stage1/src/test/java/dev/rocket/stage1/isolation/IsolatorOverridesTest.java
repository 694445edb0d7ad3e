package dev.rocket.stage1.isolation;

import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.NoNewPrivilegesIsolator;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
import dev.rocket.spec.isolator.SeccompRetainSetIsolator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsolatorOverridesTest {

    private final List<Isolator> image = List.of(new CapabilitiesRetainSetIsolator(Set.of(Capability.CAP_KILL)),
            SeccompRetainSetIsolator.of("@docker/default-whitelist"), MemoryIsolator.of("1G"),
            new NoNewPrivilegesIsolator(true));

    @Test
    void flagsReplaceTheImagesIsolatorsOfTheSameKind() {
        CapabilitiesRemoveSetIsolator caps = new CapabilitiesRemoveSetIsolator(Set.of(Capability.CAP_NET_RAW));
        SeccompRemoveSetIsolator seccomp = SeccompRemoveSetIsolator.of("reboot");
        MemoryIsolator memory = MemoryIsolator.of("64M");
        IsolatorOverrides overrides = new IsolatorOverrides(List.of(caps, seccomp, memory), OptionalInt.empty(), false);
        assertEquals(List.of(new NoNewPrivilegesIsolator(true), caps, seccomp, memory), overrides.applyTo(image));
    }

    @Test
    void noOverridesKeepTheImages() {
        assertEquals(image, IsolatorOverrides.NONE.applyTo(image));
    }
}
