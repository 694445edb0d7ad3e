package dev.rocket.pod;

import dev.rocket.base.RocketException;

/**
 * Releases what a pod holds outside its directory (networks, mounts a stage1 made) before the directory is
 * deleted; the stage1 {@code gc} entrypoint is one. Called with the pod's lock held exclusively.
 */
@FunctionalInterface
public interface PodCleanup {

    /** Nothing to release: the pod directory is all there is. */
    PodCleanup NONE = pod -> { };

    /**
     * Releases the resources of {@code pod}, found at {@code pod.dir()}; failing keeps the pod for a later
     * attempt.
     */
    void beforeDelete(PodInfo pod) throws RocketException;
}
