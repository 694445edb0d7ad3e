package dev.rocket.stage1.oci;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.AcName;
import dev.rocket.stage1.isolation.IsolatorOverrides;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Everything the translator needs about one app of a pod, already resolved: the effective app (the pod's
 * override or the image's own), the rendered rootfs, the volumes, the cgroup and what the user switched off.
 *
 * @param podIsolators isolators of the whole pod; they bound the app's own (ace.md "Isolators")
 * @param cgroupsPath  the app's cgroup: the pod's cgroup parent joined with the app
 * @param oomScoreAdj  the app's {@code oom_score_adj} (-1000 to 1000, {@code --oom-score-adjust}); empty keeps the
 *                     runtime's
 */
public record AppLaunch(AcName name, App app, boolean readOnlyRootFs, Path rootfs, List<VolumeMount> volumes,
                        List<Isolator> podIsolators, String cgroupsPath, Flavor flavor, InsecureOptions insecure,
                        OptionalInt oomScoreAdj) {

    public static final int OOM_SCORE_ADJ_MIN = -1000;
    public static final int OOM_SCORE_ADJ_MAX = 1000;

    /** A launch that keeps the runtime's OOM score adjustment. */
    public AppLaunch(AcName name, App app, boolean readOnlyRootFs, Path rootfs, List<VolumeMount> volumes,
                     List<Isolator> podIsolators, String cgroupsPath, Flavor flavor, InsecureOptions insecure) {
        this(name, app, readOnlyRootFs, rootfs, volumes, podIsolators, cgroupsPath, flavor, insecure, OptionalInt.empty());
    }

    public AppLaunch {
        volumes = List.copyOf(volumes);
        podIsolators = List.copyOf(podIsolators);
        if (name == null || app == null || rootfs == null || cgroupsPath == null || flavor == null || insecure == null) {
            throw new IllegalArgumentException("every part of an app launch must be given");
        }
        if (!rootfs.isAbsolute()) throw new IllegalArgumentException("the rootfs must be an absolute path: " + rootfs);
        if (oomScoreAdj == null) throw new IllegalArgumentException("give OptionalInt.empty() for no OOM score adjustment");
        oomScoreAdj.ifPresent(adj -> {
            if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX) {
                throw new IllegalArgumentException("an OOM score adjustment is between -1000 and 1000: " + adj);
            }
        });
    }

    /** This launch with a read-only rootfs or not, the OOM score adjustment and {@code effectiveApp}. */
    public AppLaunch with(boolean readOnly, OptionalInt oomScore, App effectiveApp) {
        return new AppLaunch(name, effectiveApp, readOnly, rootfs, volumes, podIsolators, cgroupsPath, flavor, insecure,
                oomScore);
    }

    /** This launch with the command line's isolation flags applied over the app's manifests. */
    public AppLaunch with(IsolatorOverrides overrides) {
        App a = app;
        App overridden = new App(a.exec(), a.eventHandlers(), a.user(), a.group(), a.supplementaryGids(),
                a.workingDirectory(), a.environment(), a.mountPoints(), a.ports(), overrides.applyTo(a.isolators()),
                a.userAnnotations(), a.userLabels());
        return with(readOnlyRootFs || overrides.readOnlyRootFs(),
                overrides.oomScoreAdj().isPresent() ? overrides.oomScoreAdj() : oomScoreAdj, overridden);
    }

    /**
     * The launch of {@code runtimeApp} of {@code pod}: the runtime app's {@code app}, when the pod manifest has one,
     * replaces the image's (pods.md), and the pod's isolators bound the app's.
     *
     * @throws RocketException INVALID_ARGUMENT when neither the pod nor the image says how to run the app
     */
    public static AppLaunch of(PodManifest pod, RuntimeApp runtimeApp, ImageManifest image, Path rootfs,
                               List<VolumeMount> volumes, String cgroupsPath, Flavor flavor, InsecureOptions insecure)
            throws RocketException {
        App app = runtimeApp.app().or(image::app).orElseThrow(() -> new RocketException(
                RocketException.Kind.INVALID_ARGUMENT, "app " + runtimeApp.name() + ": image " + image.name()
                + " has no app section and the pod manifest gives none; add an \"app\" with an exec"));
        return new AppLaunch(runtimeApp.name(), app, runtimeApp.readOnlyRootFs(), rootfs, volumes, pod.isolators(),
                cgroupsPath, flavor, insecure);
    }
}
