package dev.rocket.os.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files some process holds an exclusive lock on, as {@code /proc/locks} listed them when read: for asking
 * about many files with one read and one {@code stat} each, and without binding a native function (which costs a
 * short command tens of milliseconds). A {@code flock(2)} lock counts, and so do the write locks of {@code fcntl}
 * (NFS turns {@code flock} into those); a request still waiting does not.
 *
 * <p>The table is only read where it is complete: a {@code /proc} of another pid namespace than the initial one
 * hides the locks whose owner it cannot see, including every lock whose taker has exited while a child keeps the
 * descriptor. A file whose inode number is listed on another device number ({@code stat} and the kernel's table
 * name a btrfs subvolume's device differently) is {@link Answer#UNSURE}: the caller asks the lock itself.
 */
public final class LockTable {

    private static final Path LOCKS = Path.of("/proc/locks");
    /** Kernel threads are visible only in the initial pid namespace; kthreadd is pid 2 there. */
    private static final Path KTHREADD_STAT = Path.of("/proc/2/stat");
    private static final long PF_KTHREAD = 0x00200000L;

    /** What the table says about one file. */
    public enum Answer { HELD, FREE, GONE, UNSURE }

    private record Lock(int major, int minor, long inode) {
    }

    private final Set<Lock> exclusive;
    private final Set<Long> exclusiveInodes;

    private LockTable(Set<Lock> exclusive) {
        this.exclusive = exclusive;
        this.exclusiveInodes = new HashSet<>();
        for (Lock lock : exclusive) exclusiveInodes.add(lock.inode());
    }

    /** The table as it is now; empty where {@code /proc/locks} is missing or would not show every lock. */
    public static Optional<LockTable> read() {
        try {
            if (!showsInitialPidNamespace(Files.readString(KTHREADD_STAT))) return Optional.empty();
            return Optional.of(parse(Files.readString(LOCKS)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code file} (not followed if a link) is held exclusively by some process. */
    public Answer exclusivelyHeld(Path file) throws IOException {
        Map<String, Object> identity;
        try {
            identity = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Answer.GONE;
        }
        return answer(DeviceNumber.fromDev((Long) identity.get("dev")), (Long) identity.get("ino"));
    }

    /** Whether the file {@code inode} on {@code device} is held exclusively. */
    Answer answer(DeviceNumber device, long inode) {
        if (!exclusiveInodes.contains(inode)) return Answer.FREE;
        return exclusive.contains(new Lock(device.major(), device.minor(), inode)) ? Answer.HELD : Answer.UNSURE;
    }

    /**
     * Parses {@code /proc/locks}: lines such as {@code 1: FLOCK  ADVISORY  WRITE 2107 fd:01:1183 0 EOF}, waiting
     * requests marked {@code ->} after the number, device numbers in hexadecimal.
     */
    static LockTable parse(String text) {
        Set<Lock> exclusive = new HashSet<>();
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 6 || fields[1].equals("->")) continue;
            String type = fields[1];
            if (!type.equals("FLOCK") && !type.equals("POSIX") && !type.equals("OFDLCK")) continue;
            if (!fields[3].equals("WRITE")) continue;
            String[] id = fields[5].split(":");
            if (id.length != 3) continue;
            try {
                exclusive.add(new Lock(Integer.parseInt(id[0], 16), Integer.parseInt(id[1], 16), Long.parseLong(id[2])));
            } catch (NumberFormatException e) {
                // <none>:0 for a lock without a file; not one of ours
            }
        }
        return new LockTable(exclusive);
    }

    /** Whether {@code /proc/2/stat} is kthreadd's, a kernel thread: then this {@code /proc} shows every process. */
    static boolean showsInitialPidNamespace(String kthreaddStat) {
        int close = kthreaddStat.lastIndexOf(')');
        if (close < 0 || !kthreaddStat.startsWith("2 (kthreadd)")) return false;
        String[] fields = kthreaddStat.substring(close + 2).trim().split(" ");
        // after the name: state, ppid, pgrp, session, tty_nr, tpgid, flags
        return fields.length > 6 && fields[1].equals("0") && (Long.parseLong(fields[6]) & PF_KTHREAD) != 0;
    }
}
