package dev.rocket.stage1.oci;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostLimitsTest {

    @Test
    void readsHardLimitsAndLeavesOutUnlimitedOnes() {
        HostLimits limits = HostLimits.parse("""
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            1024                 20000                files
                Max processes             95000                95000                processes
                """);
        assertEquals(OptionalLong.of(20000), limits.hardLimit("RLIMIT_NOFILE"));
        assertEquals(OptionalLong.of(95000), limits.hardLimit("RLIMIT_NPROC"));
        assertEquals(OptionalLong.empty(), limits.hardLimit("RLIMIT_CPU"));
        assertEquals(20000, limits.cap("RLIMIT_NOFILE", 1_048_576));
        assertEquals(512, limits.cap("RLIMIT_NOFILE", 512));
    }
}
