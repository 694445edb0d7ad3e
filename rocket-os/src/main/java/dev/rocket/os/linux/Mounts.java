package dev.rocket.os.linux;

import java.nio.file.Path;
import java.util.Set;


/**
 * Mounting and unmounting: {@code mount(2)} and {@code umount2(2)}. Mounts made here live in the mount namespace
 * of the calling thread's process; see {@link MountTable} for what is mounted.
 */
public final class Mounts {

    private Mounts() {
    }

    /**
     * Mounts as {@code mount(2)}.
     *
     * @param source what to mount (a device, a directory for {@link MountFlag#MS_BIND}, any name for pseudo
     *               file systems), or {@code null}
     * @param target the mount point
     * @param fsType such as {@code overlay} or {@code tmpfs}; {@code null} for bind, remount and propagation changes
     * @param data   file-system options such as {@code lowerdir=...}, or {@code null}
     */
    public static void mount(String source, Path target, String fsType, Set<MountFlag> flags, String data)
            throws LinuxException {
        String shownTarget = target.toString();
        long bits = BitFlag.combine(flags);
        String shown = Libc.quote(source) + ", " + Libc.quote(shownTarget) + ", " + Libc.quote(fsType) + ", "
                + BitFlag.names(flags)
                + ", " + Libc.quote(data);
        Libc.call("mount", shownTarget, shown, (arena, state) -> SystemCalls.invoke(state, SystemCalls.MOUNT,
                SystemCalls.pointer(Libc.cStringOrNull(arena, source)), SystemCalls.pointer(Libc.cString(arena, shownTarget)),
                SystemCalls.pointer(Libc.cStringOrNull(arena, fsType)), bits, SystemCalls.pointer(Libc.cStringOrNull(arena, data))));
    }

    /** Unmounts {@code target}, as {@code umount2(2)}; {@link UnmountFlag#MNT_DETACH} for a lazy unmount. */
    public static void unmount(Path target, Set<UnmountFlag> flags) throws LinuxException {
        int bits = (int) BitFlag.combine(flags);
        String shown = target.toString();
        Libc.call("umount2", shown, Libc.quote(shown) + ", " + BitFlag.names(flags),
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.UMOUNT2, SystemCalls.pointer(Libc.cString(arena, shown)), bits));
    }
}
