package dev.rocket.stage1.oci;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cgroup files, and their contents, that an OCI runtime writes for a configuration's resources, on cgroup v1
 * (one hierarchy per controller, this host) and on v2 (one unified hierarchy). The configuration itself is the
 * same for both; this says how it lands, for checks of a running app and for {@code rkt status}.
 */
public final class CgroupFiles {

    /** The two cgroup hierarchies a host may use. */
    public enum Version { V1, V2 }

    private CgroupFiles() {
    }

    /**
     * The files by path relative to the app's cgroup; on v1 the path starts with the controller's hierarchy
     * ({@code memory/memory.limit_in_bytes}).
     */
    public static Map<String, String> of(OciConfig.Resources resources, Version version) {
        Map<String, String> files = new LinkedHashMap<>();
        if (version == Version.V1) {
            resources.memoryLimit().ifPresent(v -> files.put("memory/memory.limit_in_bytes", Long.toString(v)));
            resources.memoryReservation().ifPresent(v -> files.put("memory/memory.soft_limit_in_bytes", Long.toString(v)));
            resources.cpuShares().ifPresent(v -> files.put("cpu/cpu.shares", Long.toString(v)));
            resources.cpuQuota().ifPresent(v -> files.put("cpu/cpu.cfs_quota_us", Long.toString(v)));
            resources.cpuPeriod().ifPresent(v -> files.put("cpu/cpu.cfs_period_us", Long.toString(v)));
            OciConfig.BlockIo block = resources.blockIo();
            if (!block.isEmpty()) {
                block.bytesPerSecond().ifPresent(rate -> {
                    files.put("blkio/blkio.throttle.read_bps_device", perDevice(block, rate));
                    files.put("blkio/blkio.throttle.write_bps_device", perDevice(block, rate));
                });
                block.iops().ifPresent(rate -> {
                    files.put("blkio/blkio.throttle.read_iops_device", perDevice(block, rate));
                    files.put("blkio/blkio.throttle.write_iops_device", perDevice(block, rate));
                });
            }
        } else {
            resources.memoryLimit().ifPresent(v -> files.put("memory.max", Long.toString(v)));
            resources.memoryReservation().ifPresent(v -> files.put("memory.low", Long.toString(v)));
            resources.cpuShares().ifPresent(v -> files.put("cpu.weight", Long.toString(weight(v))));
            if (resources.cpuQuota().isPresent()) {
                files.put("cpu.max", resources.cpuQuota().getAsLong() + " "
                        + resources.cpuPeriod().orElse(OciConfigTranslator.CPU_PERIOD));
            }
            OciConfig.BlockIo block = resources.blockIo();
            if (!block.isEmpty()) {
                StringBuilder io = new StringBuilder();
                for (BlockDevices.Device device : block.devices()) {
                    if (!io.isEmpty()) io.append('\n');
                    io.append(device);
                    block.bytesPerSecond().ifPresent(rate -> io.append(" rbps=").append(rate).append(" wbps=").append(rate));
                    block.iops().ifPresent(rate -> io.append(" riops=").append(rate).append(" wiops=").append(rate));
                }
                files.put("io.max", io.toString());
            }
        }
        return files;
    }

    /** One {@code MAJOR:MINOR RATE} line per device, in device order (v1 throttle files). */
    private static String perDevice(OciConfig.BlockIo block, long rate) {
        StringBuilder lines = new StringBuilder();
        for (BlockDevices.Device device : block.devices()) {
            if (!lines.isEmpty()) lines.append('\n');
            lines.append(device).append(' ').append(rate);
        }
        return lines.toString();
    }

    /** runc's mapping of v1 shares (2 to 262144) onto v2 weights (1 to 10000). */
    static long weight(long shares) {
        return shares == 0 ? 0 : 1 + ((shares - 2) * 9999) / 262142;
    }
}
