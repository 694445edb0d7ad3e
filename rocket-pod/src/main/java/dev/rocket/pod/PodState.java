package dev.rocket.pod;

/**
 * The state of a pod as rkt's table in {@code devel/pod-lifecycle.md} defines it: the {@link PodPhase} a pod's
 * directory is in, and for some phases whether a process holds the pod directory's lock. {@link #toString()}
 * is the name that {@code rkt list} and {@code rkt status} print.
 */
public enum PodState {
    EMBRYO("embryo"),
    PREPARING("preparing"),
    PREPARE_FAILED("prepare-failed"),
    PREPARED("prepared"),
    RUNNING("running"),
    EXITED("exited"),
    /** Exited, marked by gc, and being deleted now. */
    EXITED_DELETING("exited-deleting"),
    /** Exited and marked by gc; kept for the grace period so that {@code status} can still read it. */
    EXITED_GARBAGE("exited-garbage"),
    /** A failed or expired prepare, or a removed pod, marked or being deleted. */
    GARBAGE("garbage");

    private final String text;

    PodState(String text) {
        this.text = text;
    }

    /** The state of a pod found in {@code phase} whose directory some process holds a lock on, or not. */
    public static PodState of(PodPhase phase, boolean locked) {
        return switch (phase) {
            case EMBRYO -> EMBRYO;
            case PREPARE -> locked ? PREPARING : PREPARE_FAILED;
            case PREPARED -> PREPARED;
            case RUN -> locked ? RUNNING : EXITED;
            case EXITED_GARBAGE -> locked ? EXITED_DELETING : EXITED_GARBAGE;
            case GARBAGE -> GARBAGE;
        };
    }

    /** Whether the pod's process has ended: its apps have exit statuses to read. */
    public boolean hasExited() {
        return this == EXITED || this == EXITED_DELETING || this == EXITED_GARBAGE;
    }

    /** Whether a process is working on the pod right now (creating, preparing or running it). */
    public boolean isActive() {
        return this == EMBRYO || this == PREPARING || this == RUNNING;
    }

    @Override
    public String toString() {
        return text;
    }
}
