package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.Annotations;
import dev.rocket.stage1.oci.AppLaunch;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code --oom-score-adjust} kept in the pod manifest as an annotation of the runtime app, so that a prepared pod
 * runs with it too ({@code rkt prepare} then {@code rkt run-prepared}).
 */
final class OomScoreAnnotation {

    static final String NAME = "rocket.dev/oom-score-adjust";

    private OomScoreAnnotation() {
    }

    static Annotations write(Annotations annotations, OptionalInt oomScoreAdj) {
        if (oomScoreAdj.isEmpty()) return annotations;
        try {
            return annotations.with(AcIdentifier.parse(NAME), Integer.toString(oomScoreAdj.getAsInt()));
        } catch (SpecException e) {
            throw new IllegalStateException(NAME + " is a valid identifier", e);
        }
    }

    /** @throws RocketException INVALID_ARGUMENT when a pod manifest carries a value outside -1000..1000 */
    static OptionalInt read(Annotations annotations) throws RocketException {
        Optional<String> text = annotations.get(NAME);
        if (text.isEmpty()) return OptionalInt.empty();
        try {
            int adj = Integer.parseInt(text.get().strip());
            if (adj >= AppLaunch.OOM_SCORE_ADJ_MIN && adj <= AppLaunch.OOM_SCORE_ADJ_MAX) return OptionalInt.of(adj);
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new RocketException(Kind.INVALID_ARGUMENT, "annotation " + NAME + "=" + text.get()
                + " of the pod manifest: expected a whole number from -1000 to 1000");
    }
}
