package dev.rocket.stage1.oci;

/**
 * A pod's user namespace (rkt's {@code --private-users}): user and group IDs 0 to {@code size - 1} inside are
 * {@code hostId} to {@code hostId + size - 1} on the host, so the pod's root is an unprivileged user outside.
 * Choosing a range no other pod uses is stage0's job.
 */
public record IdMapping(long hostId, long size) {

    /** The IDs a pod can use, as rkt gave them: 0 to 65535. */
    public static final long DEFAULT_SIZE = 65_536;
    private static final long MAX_ID = 4_294_967_294L;

    public IdMapping {
        if (hostId <= 0) throw new IllegalArgumentException("a pod's IDs must not start at the host's root: " + hostId);
        if (size <= 0 || hostId + size - 1 > MAX_ID) {
            throw new IllegalArgumentException("an ID range must be non-empty and end below 2^32-1: " + hostId + "+" + size);
        }
    }

    /** The host ID of {@code containerId}; IDs outside the range have none. */
    public long toHost(long containerId) {
        if (containerId < 0 || containerId >= size) {
            throw new IllegalArgumentException("ID " + containerId + " is outside the pod's range 0-" + (size - 1));
        }
        return hostId + containerId;
    }
}
