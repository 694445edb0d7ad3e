package dev.rocket.stage0;

import dev.rocket.base.InsecureOptions;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.Volume;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.runtime.RuntimeChoice;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code rkt run} or {@code rkt prepare} was asked to do: the pod's apps and the pod-wide flags.
 *
 * @param apps         the apps, in the order given; empty when {@code podManifest} gives them
 * @param volumes      {@code --volume}: the pod's volumes
 * @param environment  {@code --set-env}, {@code --set-env-file} and {@code --inherit-env}: set in every app,
 *                     below each app's own {@code --environment}
 * @param podManifest  {@code --pod-manifest}: a pod manifest file used as given instead of apps and volumes
 * @param uuidFileSave where to write the pod's UUID, when given
 * @param noOverlay    {@code --no-overlay}: copy each image's tree into the pod instead of an overlay mount
 * @param pullPolicy   {@code --pull-policy}: when images are fetched rather than taken from the store
 * @param hostIpc      {@code --ipc=parent}: the apps share the host's IPC namespace instead of the pod's own
 * @param privateUsers {@code --private-users}: the pod in a user namespace of its own, over a shifted copy of each image
 * @param ociRuntime   {@code --oci-runtime}: the OCI runtime the pod's apps run in
 */
public record RunRequest(List<AppRequest> apps, List<Volume> volumes, List<EnvironmentVariable> environment,
                         Optional<Path> podManifest, Optional<Path> uuidFileSave, Flavor flavor, boolean noOverlay,
                         PullPolicy pullPolicy, boolean hostIpc, boolean privateUsers, RuntimeChoice ociRuntime,
                         PodRunOptions options) {

    public RunRequest {
        apps = List.copyOf(apps);
        volumes = List.copyOf(volumes);
        environment = List.copyOf(environment);
    }

    /** A pod of {@code images}, each as its manifest says. */
    public static RunRequest of(List<String> images, PodRunOptions options) {
        return new RunRequest(images.stream().map(AppRequest::of).toList(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Flavor.DEFAULT, false, PullPolicy.NEW, false, false, RuntimeChoice.AUTO, options);
    }

    public InsecureOptions insecure() {
        return options.insecure();
    }
}
