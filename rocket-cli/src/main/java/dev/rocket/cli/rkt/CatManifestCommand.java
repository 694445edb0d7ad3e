package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.Pods;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.PodManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rkt cat-manifest}: print a pod's manifest. */
@Command(name = "cat-manifest", description = "Inspect and print the pod manifest.")
final class CatManifestCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--pretty-print", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Apply indent to format the output (default: true).")
    boolean prettyPrint;

    @Option(names = "--uuid-file", paramLabel = "FILE", description = "Read the pod's UUID from this file.")
    Path uuidFile;

    @Parameters(arity = "0..1", paramLabel = "UUID", description = "The pod's UUID or a unique prefix of it.")
    String reference;

    @Override
    public Integer call() throws RocketException {
        Pods pods = rkt.global().pods();
        PodInfo pod = pods.get(PodReference.resolve(pods, reference, uuidFile));
        try {
            PodManifest manifest = PodManifest.parse(Files.readString(PodLayout.manifest(pod.dir())));
            spec.commandLine().getOut().println(manifest.toJson(prettyPrint));
            spec.commandLine().getOut().flush();
        } catch (IOException e) {
            throw new RocketException(Kind.NOT_FOUND, "pod " + pod.uuid() + " has no manifest yet (" + pod.state() + ")", e);
        } catch (SpecException e) {
            throw RocketException.invalid("the manifest of pod " + pod.uuid() + " is damaged", e);
        }
        return 0;
    }
}
