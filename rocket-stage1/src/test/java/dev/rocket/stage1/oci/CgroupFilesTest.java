package dev.rocket.stage1.oci;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CgroupFilesTest {

    private final OciConfig.Resources resources = new OciConfig.Resources(OptionalLong.of(67_108_864),
            OptionalLong.of(33_554_432), OptionalLong.of(512), OptionalLong.of(50_000), OptionalLong.of(100_000));

    @Test
    void cgroupV1HasOneFilePerControllerSetting() {
        assertEquals(Map.of("memory/memory.limit_in_bytes", "67108864", "memory/memory.soft_limit_in_bytes", "33554432",
                "cpu/cpu.shares", "512", "cpu/cpu.cfs_quota_us", "50000", "cpu/cpu.cfs_period_us", "100000"),
                CgroupFiles.of(resources, CgroupFiles.Version.V1));
    }

    @Test
    void cgroupV2HasMaxLowWeightAndQuotaWithPeriod() {
        assertEquals(Map.of("memory.max", "67108864", "memory.low", "33554432", "cpu.weight", "20",
                "cpu.max", "50000 100000"), CgroupFiles.of(resources, CgroupFiles.Version.V2));
    }

    @Test
    void sharesMapOntoTheWholeWeightRange() {
        assertEquals(1, CgroupFiles.weight(2));
        assertEquals(39, CgroupFiles.weight(1024));
        assertEquals(10000, CgroupFiles.weight(262144));
    }

    @Test
    void noResourcesNoFiles() {
        assertEquals(Map.of(), CgroupFiles.of(OciConfig.Resources.NONE, CgroupFiles.Version.V2));
    }
}
