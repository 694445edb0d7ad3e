package dev.rocket.pod;

import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.PodUuid;

import java.nio.file.Path;

/**
 * Names every path of pods under the data directory ({@code --dir}, default {@code /var/lib/rkt}), following
 * rkt's layout (rkt-docs {@code devel/pod-lifecycle.md}, {@code devel/stage1-implementors-guide.md}).
 *
 * <pre>
 * DIR/pods/embryo/UUID           a pod just created, not yet locked
 * DIR/pods/prepare/UUID          being prepared (locked) or a failed prepare (unlocked)
 * DIR/pods/prepared/UUID         prepared, waiting for run-prepared
 * DIR/pods/run/UUID              running (locked by the pod's process) or exited (unlocked)
 * DIR/pods/exited-garbage/UUID   exited and marked by gc; deleted after the grace period
 * DIR/pods/garbage/UUID          failed or expired prepares and removed pods, deleted by the next gc
 * </pre>
 *
 * Inside a pod directory (the directory itself is what the pod lock locks):
 *
 * <pre>
 * pod              the pod manifest (appc JSON); replaced atomically, never rewritten in place
 * pod.lck          lock file of mutations of a running pod (rkt app add/rm), as rkt's
 * summary          what rkt list shows: created and started times, apps and images ({@link PodSummary})
 * pid              the PID of the pod's process, decimal, written by the run entrypoint (stage1 contract)
 * status/APP       the exit code of app APP, decimal, written by the run entrypoint when the app ends
 * logs/APP         the output of app APP, for a stage1 that keeps logs in files
 * apps/APP/        per-app files: the OCI bundle (config.json) and, for event handlers, handlers/EVENT-N/
 * apps/APP/rootfs  the app's root: an overlay of its image's tree and upper/ (work/ is overlayfs's), or a copy
 * volumes/NAME     the pod's empty volumes
 * stage1/          what the stage1 keeps: flavor, and ns/{net,ipc,uts}, the pod's pinned namespaces
 * </pre>
 *
 * Temporary files of atomic replacements start with a dot and never collide with these names.
 */
public record PodLayout(Path dir) {

    public static final String MANIFEST = "pod";
    public static final String MUTATION_LOCK = "pod.lck";
    public static final String SUMMARY = "summary";
    public static final String PID = "pid";
    public static final String EXIT_STATUSES = "status";
    public static final String OOM_KILLED = "oom-killed";
    public static final String LOGS = "logs";
    public static final String APPS = "apps";
    public static final String STAGE1 = "stage1";

    public PodLayout {
        if (dir == null) throw new IllegalArgumentException("the data directory must be given");
        dir = dir.toAbsolutePath().normalize();
    }

    /** {@code DIR/pods}, holding one directory per {@link PodPhase}. */
    public Path pods() {
        return dir.resolve("pods");
    }

    /** The state directory of {@code phase}, such as {@code DIR/pods/run}. */
    public Path phase(PodPhase phase) {
        return pods().resolve(phase.directoryName());
    }

    /** Where pod {@code uuid} is while in {@code phase}. */
    public Path pod(PodPhase phase, PodUuid uuid) {
        return phase(phase).resolve(uuid.toString());
    }

    public static Path manifest(Path pod) {
        return pod.resolve(MANIFEST);
    }

    public static Path mutationLock(Path pod) {
        return pod.resolve(MUTATION_LOCK);
    }

    public static Path summary(Path pod) {
        return pod.resolve(SUMMARY);
    }

    public static Path pid(Path pod) {
        return pod.resolve(PID);
    }

    /** The directory of the apps' exit codes, one file per app. */
    public static Path exitStatuses(Path pod) {
        return pod.resolve(EXIT_STATUSES);
    }

    public static Path exitStatus(Path pod, AcName app) {
        return exitStatuses(pod).resolve(app.value());
    }

    /** The directory of the apps the kernel killed for running out of memory, one empty file per app. */
    public static Path oomKilled(Path pod) {
        return pod.resolve(OOM_KILLED);
    }

    public static Path oomKilled(Path pod, AcName app) {
        return oomKilled(pod).resolve(app.value());
    }

    public static Path logs(Path pod) {
        return pod.resolve(LOGS);
    }

    public static Path log(Path pod, AcName app) {
        return logs(pod).resolve(app.value());
    }

    public static Path app(Path pod, AcName app) {
        return pod.resolve(APPS).resolve(app.value());
    }

    public static Path stage1(Path pod) {
        return pod.resolve(STAGE1);
    }

    public static Path appRootfs(Path pod, AcName app) {
        return app(pod, app).resolve("rootfs");
    }

    public static Path emptyVolume(Path pod, AcName volume) {
        return pod.resolve("volumes").resolve(volume.value());
    }

    /**
     * The monitor's files of one app: the fifos its output is copied from ({@code out}, {@code err}), and with
     * conmon, the fifo it reports on ({@code sync}), its PID files and the app's exit code.
     */
    public static Path monitor(Path pod, AcName app) {
        return stage1(pod).resolve("monitor").resolve(app.value());
    }

    /** Where the pod's shared namespaces are pinned (bind mounts of {@code /proc/PID/ns/KIND}). */
    public static Path namespaces(Path pod) {
        return stage1(pod).resolve("ns");
    }
}
