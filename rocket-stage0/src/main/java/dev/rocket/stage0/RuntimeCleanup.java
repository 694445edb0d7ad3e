package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.net.PodNetworking;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.Processes;
import dev.rocket.os.linux.Signal;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodCleanup;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.PodLayout;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.EventHandler.Event;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.runtime.Conmon;
import dev.rocket.stage1.runtime.OciRuntime;
import dev.rocket.stage1.runtime.OciRuntimes;
import dev.rocket.stage1.runtime.RuntimeChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Before a pod's directory is deleted (gc, rm): stops the conmon of an app still running, removes what the OCI
 * runtime may still hold for its apps and
 * their event handlers, leaves the pod's CNI networks, removes the pod's cgroup, then unmounts the app roots and the pinned namespaces, so that a pod whose process was
 * killed with SIGKILL leaves no container, process, cgroup, mount or namespace behind.
 */
public final class RuntimeCleanup implements PodCleanup {

    private final OciRuntimes runtimes;

    public RuntimeCleanup(OciRuntimes runtimes) {
        this.runtimes = runtimes;
    }

    /** The runtime's name of an app's container: the pod UUID and the app name. */
    public static String containerId(PodUuid pod, AcName app) {
        return PodBundles.containerId(pod, app);
    }

    @Override
    public void beforeDelete(PodInfo pod) throws RocketException {
        RuntimeChoice recorded = PodRuntimeRecord.read(pod.dir());
        List<String> held = new ArrayList<>();
        for (PodApp app : pod.summary().apps()) {
            String id = containerId(pod.uuid(), app.name());
            stopConmon(PodLayout.monitor(pod.dir(), app.name()), id);
            for (String container : containers(id)) {
                if (runtimes.holds(recorded, container)) held.add(container);
            }
        }
        if (!held.isEmpty()) {
            OciRuntime runtime = runtimes.choose(recorded);
            for (String container : held) delete(runtime, container);
        }
        for (String warning : PodNetworking.tearDownSaved(pod.dir())) System.err.println("rkt: warning: " + warning);
        for (String warning : PodCgroup.remove(pod.dir())) System.err.println("rkt: warning: " + warning);
        for (String warning : PodUsersView.remove(pod.uuid())) System.err.println("rkt: warning: " + warning);
        PodMounts.unmountAll(pod.dir());
    }

    /**
     * Kills the conmon still watching an app whose monitor was killed, before its container is deleted: it would
     * otherwise write the app's exit code into the pod's directory while that is being removed. Its PID file may be
     * stale, so the process must still be conmon of this container.
     */
    private static void stopConmon(Path monitor, String id) throws RocketException {
        Path pidFile = Conmon.conmonPidFile(monitor);
        int pid;
        try {
            pid = Integer.parseInt(Files.readString(pidFile).strip());
            String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
            if (!commandLine.contains("conmon") || !commandLine.contains("\0" + id + "\0")) return;
        } catch (NoSuchFileException | NumberFormatException e) {
            return; // no conmon, or gone
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read " + pidFile + ": " + e.getMessage(), e);
        }
        try {
            Processes.kill(pid, Signal.SIGKILL);
        } catch (LinuxException e) {
            if (e.kind() != Kind.NOT_FOUND) throw new RocketException(e.kind(), "cannot stop conmon of " + id + ": " + e.getMessage(), e);
        }
    }

    /** An app's container and those of its event handlers. */
    private static List<String> containers(String id) {
        List<String> ids = new ArrayList<>(List.of(id));
        for (Event event : Event.values()) ids.add(id + "-" + event);
        return ids;
    }

    private static void delete(OciRuntime runtime, String id) throws RocketException {
        try {
            runtime.delete(id, true);
        } catch (RocketException e) {
            if (e.kind() != Kind.NOT_FOUND) throw e;
        }
    }
}
