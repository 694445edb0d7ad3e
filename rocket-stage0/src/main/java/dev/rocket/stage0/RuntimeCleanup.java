package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.net.PodNetworking;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodCleanup;
import dev.rocket.pod.PodInfo;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.EventHandler.Event;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.runtime.OciRuntime;

/**
 * Before a pod's directory is deleted (gc, rm): removes what the OCI runtime may still hold for its apps and
 * their event handlers, leaves the pod's CNI networks, removes the pod's cgroup, then unmounts the app roots and the pinned namespaces, so that a pod whose process was
 * killed with SIGKILL leaves no container, process, cgroup, mount or namespace behind.
 */
public final class RuntimeCleanup implements PodCleanup {

    private final OciRuntime runtime;

    public RuntimeCleanup(OciRuntime runtime) {
        this.runtime = runtime;
    }

    /** The runtime's name of an app's container: the pod UUID and the app name. */
    public static String containerId(PodUuid pod, AcName app) {
        return PodBundles.containerId(pod, app);
    }

    @Override
    public void beforeDelete(PodInfo pod) throws RocketException {
        for (PodApp app : pod.summary().apps()) {
            String id = containerId(pod.uuid(), app.name());
            delete(id);
            for (Event event : Event.values()) delete(id + "-" + event);
        }
        for (String warning : PodNetworking.tearDownSaved(pod.dir())) System.err.println("rkt: warning: " + warning);
        for (String warning : PodCgroup.remove(pod.dir())) System.err.println("rkt: warning: " + warning);
        for (String warning : PodUsersView.remove(pod.uuid())) System.err.println("rkt: warning: " + warning);
        PodMounts.unmountAll(pod.dir());
    }

    private void delete(String id) throws RocketException {
        try {
            runtime.delete(id, true);
        } catch (RocketException e) {
            if (e.kind() != Kind.NOT_FOUND) throw e;
        }
    }
}
