package dev.rocket.spec.aci;

import java.util.Optional;

/** The file type in the high bits of a Unix {@code st_mode} ({@code S_IFMT}), as {@code stat(2)} reports it. */
public enum FileModeType {
    SOCKET(0140000),
    SYMLINK(0120000),
    FILE(0100000),
    BLOCK_DEVICE(0060000),
    DIRECTORY(0040000),
    CHAR_DEVICE(0020000),
    FIFO(0010000);

    private static final int S_IFMT = 0170000;

    private final int bits;

    FileModeType(int bits) {
        this.bits = bits;
    }

    /** The type of a file whose mode is {@code mode}; empty for bits no Linux file type has. */
    public static Optional<FileModeType> of(int mode) {
        for (FileModeType type : values()) {
            if ((mode & S_IFMT) == type.bits) return Optional.of(type);
        }
        return Optional.empty();
    }

    /** The type bits of {@code mode} in octal, for a message about a type that has no name here. */
    public static String bitsOf(int mode) {
        return Integer.toOctalString(mode & S_IFMT);
    }
}
