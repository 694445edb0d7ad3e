package dev.rocket.stage0;

import dev.rocket.os.linux.MountTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OomEventsTest {

    private static final String HYBRID_MOUNTS = """
            30 25 0:26 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw
            33 25 0:29 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory
            34 25 0:30 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpu,cpuacct
            """;

    private static final String UNIFIED_MOUNTS = """
            30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
            """;

    @Test
    void hybridHostCountsInTheV1MemoryHierarchyBelowTheMonitorsOwnCgroup() {
        String procCgroup = "5:cpu,cpuacct:/job\n4:memory:/job/inner\n0::/job\n";
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory/job/inner/rocket-p/app/memory.oom_control")),
                OomEvents.file(procCgroup, MountTable.parse(HYBRID_MOUNTS), "rocket-p/app"));
    }

    @Test
    void unifiedHostCountsInMemoryEvents() {
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/user.slice/rocket-p/app/memory.events")),
                OomEvents.file("0::/user.slice\n", MountTable.parse(UNIFIED_MOUNTS), "rocket-p/app"));
    }

    @Test
    void noMemoryHierarchyMountedMeansNothingToRead() {
        assertEquals(Optional.empty(), OomEvents.file("4:memory:/job\n", MountTable.parse(""), "rocket-p/app"));
    }
}
