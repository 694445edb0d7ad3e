package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.isolation.IsolatorFlags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PodCgroupFilesTest {

    @Test
    void appsLieBelowThePodsCgroup() throws Exception {
        PodUuid uuid = PodUuid.parse("6f1c3b2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c");
        assertEquals("rocket-6f1c3b2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c", PodCgroupFiles.podPath(uuid));
        assertEquals("rocket-6f1c3b2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c/web", PodCgroupFiles.appPath(uuid, AcName.parse("web")));
    }

    @Test
    void podIsolatorsLimitThePodCgroupOnV1AndV2() throws Exception {
        List<Isolator> isolators = List.of(IsolatorFlags.memory("64Mi"), IsolatorFlags.cpu("500m"));
        assertEquals(Map.of("memory/memory.limit_in_bytes", "67108864", "cpu/cpu.shares", "512",
                        "cpu/cpu.cfs_quota_us", "50000", "cpu/cpu.cfs_period_us", "100000"),
                PodCgroupFiles.of(isolators, CgroupFiles.Version.V1));
        assertEquals(Map.of("memory.max", "67108864", "cpu.weight", "20", "cpu.max", "50000 100000"),
                PodCgroupFiles.of(isolators, CgroupFiles.Version.V2));
        assertEquals(Map.of(), PodCgroupFiles.of(List.of(), CgroupFiles.Version.V2));
    }
}
