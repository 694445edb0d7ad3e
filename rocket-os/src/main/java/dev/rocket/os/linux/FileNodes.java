package dev.rocket.os.linux;

import java.nio.file.Path;

/**
 * Creating device nodes, FIFOs and sockets with {@code mknodat(2)} (through {@link SystemCalls}), as image
 * extraction needs for {@code /dev} and a pod's monitor for its fifos.
 */
public final class FileNodes {

    private static final int PERMISSION_BITS = 07777;

    private FileNodes() {
    }

    /**
     * Creates {@code path} as a node of {@code type}; the process umask applies to {@code permissions}.
     *
     * @param device the device a character or block device node stands for; ignored for other types
     */
    public static void mknod(Path path, NodeType type, int permissions, DeviceNumber device) throws LinuxException {
        if ((permissions & ~PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("permissions are at most 07777, not 0" + Integer.toOctalString(permissions));
        }
        int mode = type.typeBits() | permissions;
        long dev = type.isDevice() ? device.dev() : 0L;
        String shown = path.toString();
        Libc.call("mknod", shown, Libc.quote(shown) + ", " + type + " 0" + Integer.toOctalString(permissions)
                        + (type.isDevice() ? ", " + device : ""),
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.MKNODAT, Libc.AT_FDCWD,
                        SystemCalls.pointer(Libc.cString(arena, shown)), mode, dev));
    }

    /** Creates a named pipe at {@code path}. */
    public static void mkfifo(Path path, int permissions) throws LinuxException {
        mknod(path, NodeType.FIFO, permissions, DeviceNumber.of(0, 0));
    }
}
