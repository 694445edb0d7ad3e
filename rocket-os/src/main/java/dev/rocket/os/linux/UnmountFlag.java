package dev.rocket.os.linux;

/** The flags of {@code umount2(2)}. */
public enum UnmountFlag implements BitFlag {
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

    @Override
    public long value() {
        return value;
    }
}
