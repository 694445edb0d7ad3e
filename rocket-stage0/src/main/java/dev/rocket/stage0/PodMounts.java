package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.MountInfo;
import dev.rocket.os.linux.MountTable;
import dev.rocket.os.linux.Mounts;
import dev.rocket.os.linux.UnmountFlag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/** Unmounts whatever is mounted below a pod's directory (app roots, pinned namespaces), deepest first. */
final class PodMounts {

    private PodMounts() {
    }

    static void unmountAll(Path pod) throws RocketException {
        Path top = realPath(pod);
        for (MountInfo mount : mounts(top).reversed()) {
            try {
                Mounts.unmount(mount.mountPoint(), EnumSet.of(UnmountFlag.MNT_DETACH));
            } catch (LinuxException e) {
                // already gone with its parent, or stacked twice: checked below
            }
        }
        List<MountInfo> left = mounts(top);
        if (!left.isEmpty()) {
            throw new RocketException(Kind.INTERNAL, "cannot unmount " + left.getFirst().mountPoint() + " of pod " + pod.getFileName());
        }
    }

    private static List<MountInfo> mounts(Path top) throws RocketException {
        try {
            return MountTable.read().under(top);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read the mount table: " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path pod) {
        try {
            return pod.toRealPath();
        } catch (IOException e) {
            return pod.toAbsolutePath().normalize();
        }
    }
}
