package dev.rocket.stage1.isolation;

import dev.rocket.spec.isolator.CapabilitySetIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.SeccompSetIsolator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the command line says about an app's isolation, above its manifests (rkt's run.md): isolators that
 * replace the app's own of the same kind, the OOM score adjustment, and a read-only rootfs.
 *
 * @param isolators      from {@code --caps-retain}, {@code --caps-remove}, {@code --seccomp}, {@code --memory},
 *                       {@code --cpu}
 * @param oomScoreAdj    {@code --oom-score-adjust}, empty to keep the runtime's
 * @param readOnlyRootFs {@code --readonly-rootfs}; false keeps what the pod manifest says
 */
public record IsolatorOverrides(List<Isolator> isolators, OptionalInt oomScoreAdj, boolean readOnlyRootFs) {

    public static final IsolatorOverrides NONE = new IsolatorOverrides(List.of(), OptionalInt.empty(), false);

    public IsolatorOverrides {
        isolators = List.copyOf(isolators);
    }

    /**
     * {@code appIsolators} with these overrides in place: a capability flag replaces both capability isolators
     * (retain and remove exclude each other), a seccomp flag both seccomp isolators, others the same name.
     */
    public List<Isolator> applyTo(List<Isolator> appIsolators) {
        List<Isolator> result = new ArrayList<>();
        for (Isolator own : appIsolators) {
            if (isolators.stream().noneMatch(flag -> sameKind(flag, own))) result.add(own);
        }
        result.addAll(isolators);
        return List.copyOf(result);
    }

    private static boolean sameKind(Isolator a, Isolator b) {
        if (a instanceof CapabilitySetIsolator && b instanceof CapabilitySetIsolator) return true;
        if (a instanceof SeccompSetIsolator && b instanceof SeccompSetIsolator) return true;
        return a.name().equals(b.name());
    }
}
