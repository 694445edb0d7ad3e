package dev.rocket.stage1.oci;

import java.nio.file.Path;

/**
 * A volume to bind into an app: a host directory, or an empty-volume directory the caller prepared.
 *
 * @param source    the directory on the host
 * @param target    absolute path inside the app's rootfs; the runtime creates it
 * @param recursive whether mounts below {@code source} come along ({@code rbind})
 */
public record VolumeMount(Path source, String target, boolean readOnly, boolean recursive) {

    public VolumeMount {
        if (source == null || !source.isAbsolute()) throw new IllegalArgumentException("a volume source must be absolute: " + source);
        if (target == null || !target.startsWith("/")) throw new IllegalArgumentException("a volume target must be absolute: " + target);
    }
}
