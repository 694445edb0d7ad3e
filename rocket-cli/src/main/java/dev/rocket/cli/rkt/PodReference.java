package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.pod.Pods;
import dev.rocket.spec.types.PodUuid;

import java.nio.file.Path;

/** The pod a command names: a UUID or unique prefix, or {@code --uuid-file}, never both. */
final class PodReference {

    private PodReference() {
    }

    static PodUuid resolve(Pods pods, String reference, Path uuidFile) throws RocketException {
        if (reference != null && uuidFile != null) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "give the pod's UUID or --uuid-file, not both");
        }
        if (uuidFile != null) return pods.resolveUuidFile(uuidFile);
        if (reference == null) throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "give the pod's UUID (or --uuid-file)");
        return pods.resolve(reference);
    }
}
