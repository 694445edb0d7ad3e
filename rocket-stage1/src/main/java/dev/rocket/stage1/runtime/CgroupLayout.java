package dev.rocket.stage1.runtime;

import dev.rocket.os.linux.MountInfo;
import dev.rocket.os.linux.MountTable;

import java.nio.file.Path;
import java.util.List;

/**
 * Which cgroup hierarchies the host mounts: v1 controllers, the unified (v2) hierarchy, or both ("hybrid",
 * where crun 1.8 refuses to run unless the v2 mount is hidden from it).
 */
public record CgroupLayout(List<Path> v1Mounts, List<Path> v2Mounts) {

    public CgroupLayout {
        v1Mounts = List.copyOf(v1Mounts);
        v2Mounts = List.copyOf(v2Mounts);
    }

    /** The layout seen in {@code mounts}. */
    public static CgroupLayout of(MountTable mounts) {
        return new CgroupLayout(
                mounts.mounts().stream().filter(m -> m.fsType().equals("cgroup")).map(MountInfo::mountPoint).toList(),
                mounts.mounts().stream().filter(m -> m.fsType().equals("cgroup2")).map(MountInfo::mountPoint).toList());
    }

    /** Both v1 controllers and a v2 hierarchy are mounted. */
    public boolean isHybrid() {
        return !v1Mounts.isEmpty() && !v2Mounts.isEmpty();
    }
}
