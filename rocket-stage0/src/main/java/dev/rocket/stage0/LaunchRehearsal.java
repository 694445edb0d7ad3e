package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.PodUuid;

/**
 * A start that is only rehearsed, for training the JDK's AOT cache ({@code dev.rocket.cli.AotTraining}): within
 * {@link #call}, on that thread, {@link PodStarter} goes through a start as far as it can without a lasting
 * effect on the host — it pins the pod's namespaces, sets up its network files, plans (but does not create) its
 * cgroup, mounts its app roots, writes their OCI bundles and the monitor's fifos and script — then, instead of
 * exec'ing the monitor, undoes what it did (as after any failed start) and throws {@link Stopped}. The pod is
 * left exited, for gc. No cgroup is ever created, so that a training killed half-way leaves at most mounts
 * under its own directory (which the launcher's clean-up unmounts).
 */
public final class LaunchRehearsal {

    private static final ScopedValue<Boolean> ACTIVE = ScopedValue.newInstance();

    private LaunchRehearsal() {
    }

    /** What a rehearsed start throws once it has undone itself. */
    public static final class Stopped extends RocketException {

        private static final long serialVersionUID = 1L;

        Stopped(PodUuid uuid) {
            super(Kind.FAILED_PRECONDITION, "pod " + uuid + " was only rehearsed: stopped before the exec of its"
                    + " monitor, and undone");
        }
    }

    /** Runs {@code op} with every start it makes on this thread rehearsed. */
    public static <T, X extends Throwable> T call(ScopedValue.CallableOp<T, X> op) throws X {
        return ScopedValue.where(ACTIVE, Boolean.TRUE).call(op);
    }

    /** Whether starts on this thread are rehearsed. */
    static boolean active() {
        return ACTIVE.isBound();
    }
}
