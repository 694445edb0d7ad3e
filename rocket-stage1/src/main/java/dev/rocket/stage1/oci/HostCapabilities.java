package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.Capability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The capabilities the calling process may hand to a container: its own permitted set. A runtime cannot give
 * more (capset fails), and root on a host may itself lack some (test-machines.md: no CAP_SYS_RESOURCE).
 */
public record HostCapabilities(Set<Capability> permitted) {

    public HostCapabilities {
        permitted = permitted.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permitted));
    }

    /** Every capability this library knows: for tests and hosts without limits. */
    public static HostCapabilities all() {
        return new HostCapabilities(EnumSet.allOf(Capability.class));
    }

    /** The permitted set of this process, from {@code /proc/self/status}. */
    public static HostCapabilities ofThisProcess() {
        try {
            return parse(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status for the host's capabilities", e);
        }
    }

    /** Parses the {@code CapPrm} line of {@code /proc/PID/status}. */
    public static HostCapabilities parse(String status) {
        String mask = status.lines().filter(l -> l.startsWith("CapPrm:")).map(l -> l.substring(7).strip())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no CapPrm line in the process status"));
        long bits = Long.parseUnsignedLong(mask, 16);
        Set<Capability> permitted = EnumSet.noneOf(Capability.class);
        for (Capability capability : Capability.values()) {
            if ((bits & (1L << capability.number())) != 0) permitted.add(capability);
        }
        return new HostCapabilities(permitted);
    }

    /** The capabilities of {@code wanted} the host does not have. */
    public Set<Capability> missingFrom(Set<Capability> wanted) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        for (Capability capability : wanted) if (!permitted.contains(capability)) missing.add(capability);
        return missing;
    }
}
