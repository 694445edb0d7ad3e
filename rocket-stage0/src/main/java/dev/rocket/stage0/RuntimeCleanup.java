package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodCleanup;
import dev.rocket.pod.PodInfo;
import dev.rocket.stage1.runtime.OciRuntime;

/**
 * Before a pod's directory is deleted (gc, rm): removes what the OCI runtime may still hold for its apps, so
 * that a pod whose process was killed with SIGKILL leaves no container, process or cgroup behind.
 */
public final class RuntimeCleanup implements PodCleanup {

    private final OciRuntime runtime;

    public RuntimeCleanup(OciRuntime runtime) {
        this.runtime = runtime;
    }

    /** The runtime's name of an app's container: the pod UUID and the app name. */
    public static String containerId(PodInfo pod, PodApp app) {
        return pod.uuid() + "-" + app.name();
    }

    @Override
    public void beforeDelete(PodInfo pod) throws RocketException {
        for (PodApp app : pod.summary().apps()) {
            try {
                runtime.delete(containerId(pod, app), true);
            } catch (RocketException e) {
                if (e.kind() != Kind.NOT_FOUND) throw e;
            }
        }
    }
}
