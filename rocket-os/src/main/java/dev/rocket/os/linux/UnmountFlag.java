package dev.rocket.os.linux;

import java.util.Set;

/** The flags of {@code umount2(2)}. */
public enum UnmountFlag {
    MNT_FORCE(1),
    /** Detach the mount now and clean it up once it is no longer busy. */
    MNT_DETACH(2),
    MNT_EXPIRE(4),
    /** Do not follow a symbolic link as the target. */
    UMOUNT_NOFOLLOW(8);

    private final int value;

    UnmountFlag(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The bits of {@code flags} or'ed together. */
    public static int bits(Set<UnmountFlag> flags) {
        int bits = 0;
        for (UnmountFlag flag : flags) bits |= flag.value;
        return bits;
    }
}
