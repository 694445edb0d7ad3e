package dev.rocket.pod;

import dev.rocket.base.DirectoryDeletion;
import dev.rocket.os.linux.Errno;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.MountInfo;
import dev.rocket.os.linux.MountTable;
import dev.rocket.os.linux.Mounts;
import dev.rocket.os.linux.UnmountFlag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Deletes a pod directory for good. Whatever is still mounted below it (a rootfs, a bind-mounted host volume) is
 * detached first, deepest first, so that deleting never reaches into a host directory; symbolic links are
 * deleted, never followed.
 */
final class PodDeletion {

    private PodDeletion() {
    }

    static void delete(Path pod) throws IOException {
        unmountBelow(pod);
        DirectoryDeletion.delete(pod);
    }

    private static void unmountBelow(Path pod) throws IOException {
        List<MountInfo> mounts = MountTable.read().under(pod);
        for (int i = mounts.size() - 1; i >= 0; i--) {
            try {
                Mounts.unmount(mounts.get(i).mountPoint(), Set.of(UnmountFlag.MNT_DETACH, UnmountFlag.UMOUNT_NOFOLLOW));
            } catch (LinuxException e) {
                // EINVAL: no longer a mount point (a parent's detach took it along); ENOENT: gone already.
                if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) throw e;
            }
        }
    }
}
