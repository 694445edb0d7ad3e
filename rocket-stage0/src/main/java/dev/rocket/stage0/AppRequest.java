package dev.rocket.stage0;

import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.schema.Mount;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.EnvironmentVariable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One app of {@code rkt run} or {@code rkt prepare}: an image argument and the per-app flags that followed it.
 *
 * @param image          a path, URL, name or image ID
 * @param exec           {@code --exec}: replaces the program of the image's exec
 * @param arguments      what followed {@code --}: replaces the arguments of the image's exec
 * @param environment    {@code --environment}: set in this app only, over the image's values
 * @param mounts         {@code --mount volume=NAME,target=PATH}
 * @param readOnlyRootFs {@code --readonly-rootfs}
 * @param signature      {@code --signature}: the detached signature of a local image
 * @param isolators      {@code --caps-retain}, {@code --caps-remove}, {@code --seccomp}, {@code --memory},
 *                       {@code --cpu}: each replaces the image's isolators of its kind
 * @param oomScoreAdj    {@code --oom-score-adjust}: the app's {@code oom_score_adj}, empty to keep the runtime's
 */
public record AppRequest(String image, Optional<AcName> name, Optional<String> exec, Optional<List<String>> arguments,
                         Optional<String> user, Optional<String> group, Optional<List<Long>> supplementaryGids,
                         Optional<String> workingDirectory, List<EnvironmentVariable> environment, List<Mount> mounts,
                         boolean readOnlyRootFs, Map<String, String> userAnnotations, Map<String, String> userLabels,
                         Optional<Path> signature, List<Isolator> isolators,
                         OptionalInt oomScoreAdj) {

    public AppRequest {
        environment = List.copyOf(environment);
        mounts = List.copyOf(mounts);
        userAnnotations = Map.copyOf(userAnnotations);
        userLabels = Map.copyOf(userLabels);
        isolators = List.copyOf(isolators);
    }

    /** The image run as its manifest says, with nothing overridden. */
    public static AppRequest of(String image) {
        return new AppRequest(image, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), false, Map.of(), Map.of(),
                Optional.empty(), List.of(), OptionalInt.empty());
    }
}
