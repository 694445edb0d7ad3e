package dev.rocket.stage1.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The hard resource limits of the calling process: a container can never be given more, because raising a
 * hard limit needs CAP_SYS_RESOURCE, which root may lack (test-machines.md).
 *
 * @param hard hard limits by OCI name ({@code RLIMIT_NOFILE}); an absent name is unlimited
 */
public record HostLimits(Map<String, Long> hard) {

    /** Labels of /proc/self/limits, by the rlimit they describe. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    public HostLimits {
        hard = Map.copyOf(hard);
    }

    /** The limits of this process, from {@code /proc/self/limits}. */
    public static HostLimits read() throws IOException {
        return parse(Files.readString(Path.of("/proc/self/limits")));
    }

    /** Parses the text of {@code /proc/PID/limits}; "unlimited" limits are left out. */
    public static HostLimits parse(String text) {
        Map<String, Long> hard = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            LABELS.forEach((label, name) -> {
                if (!line.startsWith(label + " ")) return;
                String[] columns = line.substring(label.length()).trim().split("\\s+");
                if (columns.length >= 2 && !columns[1].equals("unlimited")) hard.put(name, Long.parseLong(columns[1]));
            });
        }
        return new HostLimits(hard);
    }

    /** The hard limit of {@code rlimit}, empty when unlimited. */
    public OptionalLong hardLimit(String rlimit) {
        Long limit = hard.get(rlimit);
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /** {@code wanted}, lowered to the host's hard limit of {@code rlimit}. */
    public long cap(String rlimit, long wanted) {
        return Math.min(wanted, hardLimit(rlimit).orElse(Long.MAX_VALUE));
    }
}
