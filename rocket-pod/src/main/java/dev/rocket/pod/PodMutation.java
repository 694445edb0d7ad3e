package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.Fd;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.spec.schema.PodManifest;

/**
 * A change of a running pod's apps ({@code rkt app add/rm}) in progress: holds the exclusive lock on the pod's
 * {@link PodLayout#MUTATION_LOCK} file (the pod directory's own lock is the pod process's), so mutations happen
 * one at a time. The manifest is replaced atomically, so readers such as {@code rkt list} need no lock.
 */
public final class PodMutation implements AutoCloseable {

    private final PodInfo pod;
    private final Fd lock;

    PodMutation(PodInfo pod, Fd lock) {
        this.pod = pod;
        this.lock = lock;
    }

    /** The pod as found when the mutation began. */
    public PodInfo pod() {
        return pod;
    }

    /** The pod manifest as it is now. */
    public PodManifest manifest() throws RocketException {
        return PodFiles.readManifest(pod.dir());
    }

    /** Replaces the pod manifest, and the apps that {@code rkt list} shows, in one atomic step each. */
    public void replaceManifest(PodManifest manifest) throws RocketException {
        PodFiles.writeManifest(pod.dir(), manifest);
    }

    /** Ends the mutation, letting the next one begin. */
    @Override
    public void close() throws RocketException {
        try {
            lock.close();
        } catch (LinuxException e) {
            throw PodFailures.of("release the mutation lock of pod " + pod.uuid(), e);
        }
    }
}
