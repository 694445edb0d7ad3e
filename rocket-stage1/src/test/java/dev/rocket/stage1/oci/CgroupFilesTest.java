package dev.rocket.stage1.oci;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void blockThrottlesArePerDeviceFilesOnV1AndOneIoMaxOnV2() {
        OciConfig.Resources block = OciConfig.Resources.NONE.withBlockIo(new OciConfig.BlockIo(
                List.of(new BlockDevices.Device(7, 0), new BlockDevices.Device(254, 0)), OptionalLong.of(1_000_000),
                OptionalLong.of(500)));
        Map<String, String> v1 = CgroupFiles.of(block, CgroupFiles.Version.V1);
        assertEquals("7:0 1000000\n254:0 1000000", v1.get("blkio/blkio.throttle.read_bps_device"));
        assertEquals("7:0 1000000\n254:0 1000000", v1.get("blkio/blkio.throttle.write_bps_device"));
        assertEquals("7:0 500\n254:0 500", v1.get("blkio/blkio.throttle.write_iops_device"));
        assertEquals(Map.of("io.max", "7:0 rbps=1000000 wbps=1000000 riops=500 wiops=500\n"
                + "254:0 rbps=1000000 wbps=1000000 riops=500 wiops=500"), CgroupFiles.of(block, CgroupFiles.Version.V2));
    }

    @Test
    void deviceNumbersAreReadAsMajorColonMinor() {
        assertEquals(new BlockDevices.Device(254, 16), BlockDevices.parse("254:16"));
        assertTrue(BlockDevices.ofThisHost().devices().stream().allMatch(d -> d.major() > 0));
    }
}
