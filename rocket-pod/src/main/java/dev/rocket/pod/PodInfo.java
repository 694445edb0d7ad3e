package dev.rocket.pod;

import dev.rocket.spec.types.PodUuid;

import java.nio.file.Path;

/**
 * A pod as found at one moment: its state may change right after (a pod exits whenever its process ends),
 * so act on it only through operations that tolerate that.
 *
 * @param dir     the pod directory when it was found
 * @param summary created and started times, apps and images; {@link PodSummary#UNKNOWN} parts while a pod is
 *                being created or when its files are unreadable
 */
public record PodInfo(PodUuid uuid, PodState state, Path dir, PodSummary summary) {

    public PodInfo {
        if (uuid == null || state == null || dir == null || summary == null) {
            throw new IllegalArgumentException("a pod needs its UUID, state, directory and summary");
        }
    }
}
