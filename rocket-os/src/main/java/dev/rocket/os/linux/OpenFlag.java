package dev.rocket.os.linux;

/** Flags of {@code open(2)}, with the values of the running architecture (they differ between x86_64 and aarch64). */
public enum OpenFlag implements BitFlag {
    /** Open for writing only; without it or {@link #O_RDWR} a descriptor is read-only ({@code O_RDONLY}). */
    O_WRONLY(01, 01),
    O_RDWR(02, 02),
    O_CREAT(0100, 0100),
    O_EXCL(0200, 0200),
    O_NOCTTY(0400, 0400),
    O_TRUNC(01000, 01000),
    O_APPEND(02000, 02000),
    O_NONBLOCK(04000, 04000),
    O_DIRECTORY(0200000, 040000),
    O_NOFOLLOW(0400000, 0100000),
    O_CLOEXEC(02000000, 02000000),
    O_PATH(010000000, 010000000);

    private final int x86Value;
    private final int aarch64Value;

    OpenFlag(int x86Value, int aarch64Value) {
        this.x86Value = x86Value;
        this.aarch64Value = aarch64Value;
    }

    /** The bit of this flag on the running architecture. */
    @Override
    public long value() {
        return Arch.pick(x86Value, aarch64Value);
    }
}
