package dev.rocket.stage0;

import dev.rocket.os.linux.MountInfo;
import dev.rocket.os.linux.MountTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the kernel counts the out-of-memory kills of an app's cgroup: {@code memory.oom_control} in the v1
 * memory hierarchy, else {@code memory.events} in the v2 one. The runtime places the app's relative cgroup below
 * the cgroup of the process that starts it (the pod's monitor, which stage0 becomes), so that is where to look.
 */
final class OomEvents {

    private OomEvents() {
    }

    /**
     * @param procCgroup  the text of {@code /proc/self/cgroup}
     * @param mounts      the mount table
     * @param cgroupsPath the app's relative cgroup (its OCI {@code cgroupsPath})
     */
    static Optional<Path> file(String procCgroup, MountTable mounts, String cgroupsPath) {
        Optional<Path> v1 = under(procCgroup, mounts, "memory", cgroupsPath).map(dir -> dir.resolve("memory.oom_control"));
        return v1.isPresent() ? v1 : under(procCgroup, mounts, "", cgroupsPath).map(dir -> dir.resolve("memory.events"));
    }

    /** The app's cgroup directory in the hierarchy of {@code controller} ("" for v2), if that is mounted. */
    private static Optional<Path> under(String procCgroup, MountTable mounts, String controller, String cgroupsPath) {
        for (String line : procCgroup.lines().toList()) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) continue;
            boolean v2 = controller.isEmpty();
            if (v2 ? !fields[1].isEmpty() : !List.of(fields[1].split(",")).contains(controller)) continue;
            Optional<MountInfo> mount = mounts.mounts().stream()
                    .filter(m -> v2 ? m.fsType().equals("cgroup2") : m.fsType().equals("cgroup") && m.superOptions().contains(controller))
                    .findFirst();
            if (mount.isEmpty()) return Optional.empty();
            String own = fields[2].startsWith(mount.get().root()) ? fields[2].substring(mount.get().root().length()) : fields[2];
            return Optional.of(mount.get().mountPoint().resolve(own.replaceFirst("^/+", "")).resolve(cgroupsPath));
        }
        return Optional.empty();
    }
}
