package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.PodUuid;

import java.util.List;
import java.util.Map;

/**
 * The pod's own cgroup: every app's cgroup lies below it, and the pod manifest's isolators limit it so that it
 * bounds all its apps together. OCI runtimes manage only an app's leaf, so stage0 writes these files itself.
 */
public final class PodCgroupFiles {

    private PodCgroupFiles() {
    }

    /** The pod's cgroup, relative to the cgroup of the process that starts it. */
    public static String podPath(PodUuid uuid) {
        return "rocket-" + uuid;
    }

    /** An app's cgroup (its OCI {@code cgroupsPath}), below the pod's. */
    public static String appPath(PodUuid uuid, AcName app) {
        return podPath(uuid) + "/" + app;
    }

    /** The files and values that limit the pod's cgroup as its pod-level memory and CPU isolators say. */
    public static Map<String, String> of(List<Isolator> podIsolators, CgroupFiles.Version version) {
        return CgroupFiles.of(OciConfigTranslator.resources(podIsolators), version);
    }
}
