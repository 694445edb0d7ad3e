package dev.rocket.os.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Network interfaces of the calling thread's network namespace, as {@code ip link set NAME up} changes them: the
 * {@code SIOCGIFFLAGS}/{@code SIOCSIFFLAGS} ioctls on a datagram socket.
 */
public final class NetworkInterfaces {

    /** The loopback interface every network namespace has. */
    public static final String LOOPBACK = "lo";

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SIOCGIFFLAGS = 0x8913;
    private static final int SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 0x1;
    /** {@code struct ifreq}: the name (IFNAMSIZ 16 bytes, NUL-terminated), then a union whose first member is the flags. */
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;

    private NetworkInterfaces() {
    }

    /** Sets interface {@code name} up (a no-op if it is). */
    public static void up(String name) throws LinuxException {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length >= IFNAMSIZ || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an interface name: " + Libc.quote(name));
        }
        int socket = (int) Libc.call("socket", null, "AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, 0",
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.SOCKET, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(IFREQ_SIZE);
            MemorySegment.copy(bytes, 0, request, JAVA_BYTE, 0, bytes.length);
            Libc.call("ioctl", name, "SIOCGIFFLAGS " + name, (a, state) ->
                    SystemCalls.invoke(state, SystemCalls.IOCTL, socket, SIOCGIFFLAGS, SystemCalls.pointer(request)));
            short flags = request.get(JAVA_SHORT, IFNAMSIZ);
            if ((flags & IFF_UP) != 0) return;
            request.set(JAVA_SHORT, IFNAMSIZ, (short) (flags | IFF_UP));
            Libc.call("ioctl", name, "SIOCSIFFLAGS " + name + " IFF_UP", (a, state) ->
                    SystemCalls.invoke(state, SystemCalls.IOCTL, socket, SIOCSIFFLAGS, SystemCalls.pointer(request)));
        } finally {
            FileDescriptors.close(socket, null);
        }
    }
}
