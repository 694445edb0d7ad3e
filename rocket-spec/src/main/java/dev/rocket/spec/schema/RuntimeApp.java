package dev.rocket.spec.schema;

import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Annotations;

import java.util.List;
import java.util.Optional;

/**
 * One app of a pod (pods.md "apps"): its name, unique in the pod, the image it runs, and what the pod changes:
 * {@code app} replaces the image's app entirely, {@code mounts} fill mount points with volumes, and
 * {@code annotations} take precedence over the image's.
 */
public record RuntimeApp(AcName name, RuntimeImage image, Optional<App> app, boolean readOnlyRootFs,
                         List<Mount> mounts, Annotations annotations) {

    public RuntimeApp {
        mounts = List.copyOf(mounts);
        if (name == null || image == null || app == null || annotations == null) {
            throw new IllegalArgumentException("use empty values, not null, for absent app fields");
        }
    }

    public static RuntimeApp of(AcName name, RuntimeImage image) {
        return new RuntimeApp(name, image, Optional.empty(), false, List.of(), Annotations.NONE);
    }
}
