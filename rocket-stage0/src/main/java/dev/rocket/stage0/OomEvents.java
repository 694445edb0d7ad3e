package dev.rocket.stage0;

import dev.rocket.spec.types.AcName;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the kernel counts the out-of-memory kills of an app's cgroup, which lies below the pod's
 * ({@link PodCgroup}): {@code memory.oom_control} in the v1 memory hierarchy, else {@code memory.events} in the
 * v2 one.
 */
final class OomEvents {

    private OomEvents() {
    }

    /** @param hierarchies the pod's cgroup in each hierarchy, as {@link PodCgroup#hierarchies} finds them */
    static Optional<Path> file(List<PodCgroup.Hierarchy> hierarchies, AcName app) {
        Optional<Path> v1 = hierarchies.stream().filter(h -> h.controllers().contains("memory")).findFirst()
                .map(h -> h.podDir().resolve(app.value()).resolve("memory.oom_control"));
        if (v1.isPresent()) return v1;
        return hierarchies.stream().filter(h -> h.controllers().isEmpty()).findFirst()
                .map(h -> h.podDir().resolve(app.value()).resolve("memory.events"));
    }
}
