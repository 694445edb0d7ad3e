package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;

import java.util.List;

/**
 * What one {@code gc} pass did, for the command line to print ("Moving pod ... to garbage", "Garbage
 * collecting pod ...").
 *
 * @param marked    pods moved to {@code exited-garbage} or {@code garbage} by this pass
 * @param collected pods deleted by this pass
 * @param failures  pods that could not be handled; gc went on with the others, and a later pass retries them
 */
public record PodGcReport(List<PodUuid> marked, List<PodUuid> collected, List<RocketException> failures) {

    public PodGcReport {
        marked = List.copyOf(marked);
        collected = List.copyOf(collected);
        failures = List.copyOf(failures);
    }
}
