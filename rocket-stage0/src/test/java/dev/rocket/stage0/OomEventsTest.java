package dev.rocket.stage0;

import dev.rocket.os.linux.MountTable;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.PodUuid;
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

    private static final PodUuid UUID = PodUuid.random();
    private static final AcName APP = new AcName("app");

    private static Optional<Path> file(String procCgroup, String mounts) {
        return OomEvents.file(PodCgroup.hierarchies(procCgroup, MountTable.parse(mounts), UUID, true), APP);
    }

    @Test
    void hybridHostCountsInTheV1MemoryHierarchyBelowThePodsCgroup() {
        String procCgroup = "5:cpu,cpuacct:/job\n4:memory:/job/inner\n0::/job\n";
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory/job/inner/rocket-" + UUID + "/app/memory.oom_control")),
                file(procCgroup, HYBRID_MOUNTS));
    }

    @Test
    void unifiedHostCountsInMemoryEvents() {
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/user.slice/rocket-" + UUID + "/app/memory.events")),
                file("0::/user.slice\n", UNIFIED_MOUNTS));
    }

    @Test
    void noMemoryHierarchyMountedMeansNothingToRead() {
        assertEquals(Optional.empty(), file("4:memory:/job\n", ""));
    }
}
