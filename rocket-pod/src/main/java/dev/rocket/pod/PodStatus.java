package dev.rocket.pod;

import dev.rocket.spec.types.AcName;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What {@code rkt status} shows: the pod, the PID of its process once the run entrypoint wrote it, and the
 * exit code of each app that ended, and which apps the kernel killed for exceeding their memory limit.
 */
public record PodStatus(PodInfo pod, OptionalInt pid, Map<AcName, Integer> appExitCodes, Set<AcName> oomKilled) {

    public PodStatus {
        appExitCodes = Map.copyOf(appExitCodes);
        oomKilled = Set.copyOf(oomKilled);
        if (pod == null || pid == null) throw new IllegalArgumentException("use empty values, not null");
    }

    /** Whether the pod's process has ended. */
    public boolean exited() {
        return pod.state().hasExited();
    }
}
