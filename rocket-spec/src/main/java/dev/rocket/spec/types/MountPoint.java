package dev.rocket.spec.types;

/**
 * A place where an app expects external data to be mounted (aci.md "mountPoints"); pods fill it with a volume.
 *
 * @param readOnly whether the app wants it read-only; {@code false} unless given
 */
public record MountPoint(AcName name, String path, boolean readOnly) {

    public MountPoint {
        if (name == null) throw new IllegalArgumentException("mount point needs a name");
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("mount point " + name + " needs a path");
    }
}
