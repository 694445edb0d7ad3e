package dev.rocket.stage0;

import dev.rocket.os.linux.MountTable;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.isolation.IsolatorFlags;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodCgroupTest {

    private static final PodUuid UUID = uuid();
    private static final String POD = "rocket-6f1c3b2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";

    /** This host's layout: v1 controllers beside a cgroup2 mount without them. */
    private static final MountTable HYBRID = MountTable.parse("""
            30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            32 30 0:29 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            33 30 0:30 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """);
    private static final MountTable UNIFIED = MountTable.parse("""
            30 22 0:27 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw
            """);

    @Test
    void aPlanOfThisProcesssCgroupNamesThePodsDirectoriesAndLimitsWithoutMakingThem() throws Exception {
        PodCgroup.Plan plan = PodCgroup.plan(UUID, List.of(IsolatorFlags.memory("64Mi")), true, true);
        assertFalse(plan.hierarchies().isEmpty());
        for (PodCgroup.Hierarchy hierarchy : plan.hierarchies()) {
            assertEquals(POD, hierarchy.podDir().getFileName().toString());
            assertFalse(Files.exists(hierarchy.podDir()), hierarchy.podDir().toString());
        }
        assertTrue(plan.writes().stream().anyMatch(w -> w.value().equals("67108864")), plan.writes().toString());
        assertEquals(List.of(), PodCgroup.plan(UUID, List.of(IsolatorFlags.memory("64Mi")), false, true).writes());
    }

    @Test
    void thePodsCgroupLiesBelowTheStartersInEveryMountedHierarchy() {
        List<PodCgroup.Hierarchy> hierarchies = PodCgroup.hierarchies("""
                4:memory:/process_api/abc
                3:blkio:/
                1:cpu:/
                0::/
                """, HYBRID, UUID, true);
        assertEquals(List.of(
                new PodCgroup.Hierarchy(List.of("memory"), Path.of("/sys/fs/cgroup/memory/process_api/abc/" + POD)),
                new PodCgroup.Hierarchy(List.of("cpu"), Path.of("/sys/fs/cgroup/cpu/" + POD)),
                new PodCgroup.Hierarchy(List.of(), Path.of("/sys/fs/cgroup/unified/" + POD))), hierarchies,
                "blkio is not mounted here, so it is left out");
    }

    @Test
    void forARuntimeThatPutsRelativeCgroupsAtTheRootThePodsCgroupLiesThereInEveryHierarchy() {
        List<PodCgroup.Hierarchy> hierarchies = PodCgroup.hierarchies("4:memory:/process_api/abc\n1:cpu:/\n0::/\n",
                HYBRID, UUID, false);
        assertEquals(List.of(
                new PodCgroup.Hierarchy(List.of("memory"), Path.of("/sys/fs/cgroup/memory/" + POD)),
                new PodCgroup.Hierarchy(List.of("cpu"), Path.of("/sys/fs/cgroup/cpu/" + POD)),
                new PodCgroup.Hierarchy(List.of(), Path.of("/sys/fs/cgroup/unified/" + POD))), hierarchies);
    }

    @Test
    void forSuchARuntimeTheProcesssCgroupIsKeptWhereItIsTheSameInEveryHierarchy() {
        String unit = "4:memory:/system.slice/app.service\n1:cpu:/system.slice/app.service\n0::/system.slice/app.service\n";
        assertEquals("/system.slice/app.service", PodCgroup.commonOwn(unit, HYBRID));
        assertEquals(List.of(
                new PodCgroup.Hierarchy(List.of("memory"), Path.of("/sys/fs/cgroup/memory/system.slice/app.service/" + POD)),
                new PodCgroup.Hierarchy(List.of("cpu"), Path.of("/sys/fs/cgroup/cpu/system.slice/app.service/" + POD)),
                new PodCgroup.Hierarchy(List.of(), Path.of("/sys/fs/cgroup/unified/system.slice/app.service/" + POD))),
                PodCgroup.hierarchies(unit, HYBRID, UUID, false));
        assertEquals("/user.slice/rkt", PodCgroup.commonOwn("0::/user.slice/rkt\n", UNIFIED));
        assertEquals("", PodCgroup.commonOwn("4:memory:/process_api/abc\n1:cpu:/\n0::/\n", HYBRID), "they differ: the roots");
        assertEquals("", PodCgroup.commonOwn("4:memory:/\n1:cpu:/\n0::/\n", HYBRID), "all at the root");
    }

    @Test
    void onV1EachLimitGoesToTheHierarchyOfItsController() throws Exception {
        List<PodCgroup.Hierarchy> hierarchies = PodCgroup.hierarchies("4:memory:/m\n1:cpu:/\n0::/\n", HYBRID, UUID, true);
        List<PodCgroup.Write> writes = PodCgroup.writes(hierarchies,
                List.of(IsolatorFlags.memory("48Mi"), IsolatorFlags.cpu("500m")));
        assertEquals(List.of(
                new PodCgroup.Write(Path.of("/sys/fs/cgroup/memory/m/" + POD + "/memory.limit_in_bytes"), "50331648"),
                new PodCgroup.Write(Path.of("/sys/fs/cgroup/cpu/" + POD + "/cpu.shares"), "512"),
                new PodCgroup.Write(Path.of("/sys/fs/cgroup/cpu/" + POD + "/cpu.cfs_quota_us"), "50000"),
                new PodCgroup.Write(Path.of("/sys/fs/cgroup/cpu/" + POD + "/cpu.cfs_period_us"), "100000")), writes);
    }

    @Test
    void onV2TheParentHandsEachControllerDownBeforeItsLimitIsWritten() throws Exception {
        List<PodCgroup.Hierarchy> hierarchies = PodCgroup.hierarchies("0::/user.slice/rkt\n", UNIFIED, UUID, true);
        Path pod = Path.of("/sys/fs/cgroup/user.slice/rkt/" + POD);
        Path subtree = Path.of("/sys/fs/cgroup/user.slice/rkt/cgroup.subtree_control");
        List<PodCgroup.Write> writes = PodCgroup.writes(hierarchies,
                List.of(IsolatorFlags.memory("64Mi"), IsolatorFlags.cpu("500m")));
        assertEquals(List.of(
                new PodCgroup.Write(subtree, "+memory"),
                new PodCgroup.Write(pod.resolve("memory.max"), "67108864"),
                new PodCgroup.Write(subtree, "+cpu"),
                new PodCgroup.Write(pod.resolve("cpu.weight"), "20"),
                new PodCgroup.Write(pod.resolve("cpu.max"), "50000 100000")), writes);
    }

    @Test
    void aPodWithoutIsolatorsWritesNothingAndAMissingControllerIsAnError() throws Exception {
        List<PodCgroup.Hierarchy> cpuOnly = PodCgroup.hierarchies("1:cpu:/\n", HYBRID, UUID, true);
        assertEquals(List.of(), PodCgroup.writes(cpuOnly, List.of()));
        IOException missing = assertThrows(IOException.class,
                () -> PodCgroup.writes(cpuOnly, List.of(IsolatorFlags.memory("64Mi"))));
        assertTrue(missing.getMessage().contains("memory"), missing.getMessage());
    }

    private static PodUuid uuid() {
        try {
            return PodUuid.parse("6f1c3b2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c");
        } catch (SpecException e) {
            throw new AssertionError(e);
        }
    }
}
