package dev.rocket.stage1.isolation;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.CapabilitySetIsolator;
import dev.rocket.spec.isolator.CpuIsolator;
import dev.rocket.spec.isolator.Errno;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.Quantity;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
import dev.rocket.spec.isolator.SeccompRetainSetIsolator;
import dev.rocket.spec.isolator.SeccompSetIsolator;
import dev.rocket.spec.isolator.SyscallName;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the isolator flags of {@code rkt run} and {@code rkt prepare} (rkt's run.md) into isolators:
 * {@code --caps-retain}/{@code --caps-remove CAP,...}, {@code --seccomp mode=retain|remove[,errno=NAME],SYSCALL...},
 * {@code --memory} and {@code --cpu} in Kubernetes quantity syntax. Errors name the flag and what to write.
 */
public final class IsolatorFlags {

    private IsolatorFlags() {
    }

    /** {@code --caps-retain} ({@code retain}) or {@code --caps-remove}: comma-separated capability names. */
    public static CapabilitySetIsolator capabilities(String text, boolean retain) throws RocketException {
        String flag = retain ? "--caps-retain" : "--caps-remove";
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        for (String word : text.split(",")) {
            if (word.isBlank()) continue;
            try {
                set.add(Capability.parse(word.strip()));
            } catch (SpecException e) {
                throw invalid(flag, e);
            }
        }
        if (set.isEmpty()) throw new RocketException(Kind.INVALID_ARGUMENT, flag + " needs capability names, such as CAP_NET_ADMIN");
        return retain ? new CapabilitiesRetainSetIsolator(set) : new CapabilitiesRemoveSetIsolator(set);
    }

    /** {@code --seccomp mode=remove,errno=ENOTSUP,reboot,@rkt/default-blacklist}. */
    public static SeccompSetIsolator seccomp(String text) throws RocketException {
        String mode = null;
        Optional<Errno> errno = Optional.empty();
        Set<SyscallName> set = new LinkedHashSet<>();
        for (String raw : text.split(",")) {
            String word = raw.strip();
            try {
                if (word.startsWith("mode=")) mode = word.substring(5);
                else if (word.startsWith("errno=")) errno = Optional.of(Errno.parse(word.substring(6)));
                else if (!word.isEmpty()) set.add(SyscallName.parse(word));
            } catch (SpecException e) {
                throw invalid("--seccomp", e);
            }
        }
        if (set.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--seccomp needs at least one syscall or wildcard,"
                    + " such as --seccomp mode=remove,errno=EPERM,reboot");
        }
        if ("retain".equals(mode)) return new SeccompRetainSetIsolator(set, errno);
        if ("remove".equals(mode)) return new SeccompRemoveSetIsolator(set, errno);
        throw new RocketException(Kind.INVALID_ARGUMENT, "--seccomp needs mode=retain or mode=remove first, such as"
                + " --seccomp mode=remove,errno=EPERM,reboot");
    }

    /** {@code --memory 512Mi}: the app's memory limit. */
    public static MemoryIsolator memory(String text) throws RocketException {
        try {
            return new MemoryIsolator(Optional.empty(), Quantity.parse(text, Quantity.Scale.WHOLE));
        } catch (SpecException e) {
            throw invalid("--memory", e);
        }
    }

    /** {@code --cpu 500m}: the app's CPU limit in cores. */
    public static CpuIsolator cpu(String text) throws RocketException {
        try {
            return new CpuIsolator(Optional.empty(), Quantity.parse(text, Quantity.Scale.MILLI));
        } catch (SpecException e) {
            throw invalid("--cpu", e);
        }
    }

    private static RocketException invalid(String flag, SpecException e) {
        var violation = e.violations().getFirst();
        return new RocketException(Kind.INVALID_ARGUMENT, flag + " \"" + violation.value() + "\": " + violation.rule());
    }
}
