package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.CpuIsolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
import dev.rocket.stage1.isolation.IsolatorOverrides;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolatorOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        IsolatorOptions isolation;
    }

    private static IsolatorOverrides parse(String... args) throws RocketException {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.isolation.overrides();
    }

    @Test
    void everyFlagBecomesPartOfTheOverrides() throws Exception {
        IsolatorOverrides overrides = parse("--caps-remove", "CAP_NET_RAW", "--seccomp", "mode=remove,errno=EPERM,reboot",
                "--memory", "256Mi", "--cpu", "500m", "--oom-score-adjust", "200", "--readonly-rootfs");
        assertEquals(new CapabilitiesRemoveSetIsolator(Set.of(Capability.CAP_NET_RAW)), overrides.isolators().get(0));
        assertInstanceOf(SeccompRemoveSetIsolator.class, overrides.isolators().get(1));
        assertEquals(256L << 20, ((MemoryIsolator) overrides.isolators().get(2)).limit().amount());
        assertEquals(500, ((CpuIsolator) overrides.isolators().get(3)).limit().amount());
        assertEquals(OptionalInt.of(200), overrides.oomScoreAdj());
        assertTrue(overrides.readOnlyRootFs());
    }

    @Test
    void noFlagsNoOverrides() throws Exception {
        assertEquals(IsolatorOverrides.NONE, parse());
    }

    @Test
    void contradictoryOrOutOfRangeFlagsAreRefused() {
        assertTrue(assertThrows(RocketException.class, () -> parse("--caps-retain", "CAP_KILL", "--caps-remove",
                "CAP_KILL")).getMessage().contains("exclude each other"));
        assertTrue(assertThrows(RocketException.class, () -> parse("--oom-score-adjust", "2000")).getMessage()
                .contains("-1000 to 1000"));
    }
}
