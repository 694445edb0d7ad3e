package dev.rocket.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts a process sees, in the kernel's order (a mount comes after the one it sits on), read from
 * {@code /proc/self/mountinfo}. Plain Java: no native call.
 *
 * @param mounts every mount, parents before children
 */
public record MountTable(List<MountInfo> mounts) {

    private static final Path SELF = Path.of("/proc/self/mountinfo");

    public MountTable {
        mounts = List.copyOf(mounts);
    }

    /** The mounts of this process's mount namespace. */
    public static MountTable read() throws IOException {
        return read(SELF);
    }

    /** The mounts in a mountinfo file such as {@code /proc/PID/mountinfo}. */
    public static MountTable read(Path mountinfo) throws IOException {
        try {
            return parse(new String(Files.readAllBytes(mountinfo), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(mountinfo + ": " + e.getMessage(), e);
        }
    }

    /** Parses mountinfo text, one mount a line. */
    public static MountTable parse(String text) {
        List<MountInfo> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) mounts.add(MountInfo.parse(line));
        }
        return new MountTable(mounts);
    }

    /** The mount that is visible at {@code mountPoint}: the last one mounted there, if any. */
    public Optional<MountInfo> at(Path mountPoint) {
        Path wanted = mountPoint.toAbsolutePath().normalize();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).mountPoint().equals(wanted)) return Optional.of(mounts.get(i));
        }
        return Optional.empty();
    }

    /** The mounts at or below {@code directory}, parents before children; unmount them in reverse. */
    public List<MountInfo> under(Path directory) {
        Path top = directory.toAbsolutePath().normalize();
        return mounts.stream().filter(mount -> mount.mountPoint().startsWith(top)).toList();
    }
}
