package dev.rocket.store;

import dev.rocket.spec.types.ImageId;
import dev.rocket.store.index.ImageRecord;

import java.util.List;

/**
 * What {@link ImageStore#gc} did.
 *
 * @param removed images removed because they were not used within the grace period
 * @param busy    images that qualified but were locked by another process at the time, left for next time
 * @param sweep   the clean-up of temp files and orphan blobs that followed
 */
public record GcResult(List<ImageRecord> removed, List<ImageId> busy, SweepResult sweep) {

    public GcResult {
        removed = List.copyOf(removed);
        busy = List.copyOf(busy);
    }
}
