package dev.rocket.pod;

/**
 * The directory under {@code DIR/pods/} a pod is in (rkt-docs {@code devel/pod-lifecycle.md}). A pod moves
 * between them by {@code rename(2)}, only forwards in this order. In the phases where
 * {@link #lockHasMeaning() the lock has meaning}, an exclusive lock on the pod directory tells that a process
 * is working on the pod; together they give the {@link PodState}.
 */
public enum PodPhase {
    /** Just created, before its creator holds the lock: never seen as failed. */
    EMBRYO("embryo", false),
    /** Being prepared while locked; a failed prepare when unlocked. */
    PREPARE("prepare", true),
    /** Prepared and waiting for {@code run-prepared}. */
    PREPARED("prepared", false),
    /** Running while locked by the pod's process; exited when unlocked. */
    RUN("run", true),
    /** Exited and marked by gc; being deleted while locked. */
    EXITED_GARBAGE("exited-garbage", true),
    /** A failed or expired prepare, or a removed pod, to be deleted. */
    GARBAGE("garbage", true);

    private final String directoryName;
    private final boolean lockHasMeaning;

    PodPhase(String directoryName, boolean lockHasMeaning) {
        this.directoryName = directoryName;
        this.lockHasMeaning = lockHasMeaning;
    }

    /** The name of the state directory under {@code DIR/pods/}. */
    public String directoryName() {
        return directoryName;
    }

    /** Whether a lock on a pod directory in this phase tells anything about the pod. */
    public boolean lockHasMeaning() {
        return lockHasMeaning;
    }

    @Override
    public String toString() {
        return directoryName;
    }
}
