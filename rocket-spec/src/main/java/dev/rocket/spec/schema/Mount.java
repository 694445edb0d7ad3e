package dev.rocket.spec.schema;

import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Volume;

import java.util.Optional;

/**
 * A volume mounted into one app of a pod (pods.md "mounts"): the pod volume named {@code volume}, or
 * {@code appVolume} if given, appears at {@code path} inside the app.
 */
public record Mount(AcName volume, String path, Optional<Volume> appVolume) {

    public Mount {
        if (volume == null || appVolume == null) throw new IllegalArgumentException("a mount needs a volume name");
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("mount of " + volume + " needs a path");
    }

    public static Mount of(AcName volume, String path) {
        return new Mount(volume, path, Optional.empty());
    }
}
