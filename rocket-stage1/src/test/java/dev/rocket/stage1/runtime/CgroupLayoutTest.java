package dev.rocket.stage1.runtime;

import dev.rocket.os.linux.MountTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupLayoutTest {

    private static final String V1 = "30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid shared:9 - cgroup cgroup rw,memory\n";
    private static final String V2_UNIFIED = "28 25 0:24 / /sys/fs/cgroup/unified rw,nosuid shared:7 - cgroup2 cgroup2 rw\n";
    private static final String V2_ONLY = "28 25 0:24 / /sys/fs/cgroup rw,nosuid shared:7 - cgroup2 cgroup2 rw\n";

    @Test
    void v1ControllersBesideACgroup2MountAreHybrid() {
        CgroupLayout layout = CgroupLayout.of(MountTable.parse(V1 + V2_UNIFIED));
        assertTrue(layout.isHybrid());
        assertEquals(List.of(Path.of("/sys/fs/cgroup/unified")), layout.v2Mounts());
    }

    @Test
    void unifiedOnlyOrV1OnlyIsNotHybrid() {
        assertFalse(CgroupLayout.of(MountTable.parse(V2_ONLY)).isHybrid());
        assertFalse(CgroupLayout.of(MountTable.parse(V1)).isHybrid());
    }
}
