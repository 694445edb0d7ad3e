package dev.rocket.os.linux;

/** The kinds of file {@code mknod(2)} creates, with their {@code S_IF*} type bits. */
public enum NodeType {
    FIFO(0010000),
    CHARACTER_DEVICE(0020000),
    BLOCK_DEVICE(0060000),
    REGULAR_FILE(0100000),
    SOCKET(0140000);

    /** {@code S_IFMT}: the bits of a mode that give the file type. */
    public static final int TYPE_MASK = 0170000;

    private final int typeBits;

    NodeType(int typeBits) {
        this.typeBits = typeBits;
    }

    /** The {@code S_IF*} bits, as in {@code st_mode} and NIO's {@code unix:mode}. */
    public int typeBits() {
        return typeBits;
    }

    /** Whether nodes of this type carry a device number. */
    public boolean isDevice() {
        return this == CHARACTER_DEVICE || this == BLOCK_DEVICE;
    }
}
