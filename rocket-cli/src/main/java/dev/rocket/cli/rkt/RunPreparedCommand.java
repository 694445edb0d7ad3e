package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.Pods;
import dev.rocket.stage0.PodStarter;
import dev.rocket.stage0.RunRequest;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rkt run-prepared}: start a prepared pod in the foreground; this process becomes the pod. */
@Command(name = "run-prepared", description = "Run a prepared pod.")
final class RunPreparedCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--net", paramLabel = "NET", description = "Networking: host, or none (loopback only; the default here).")
    String net = "none";

    @Option(names = "--hostname", description = "The pod's host name (default: rkt-UUID).")
    String hostname;

    @Parameters(paramLabel = "UUID", description = "The prepared pod's UUID or a unique prefix of it.")
    String reference;

    @Override
    public Integer call() throws RocketException {
        boolean hostNetwork = switch (net) {
            case "host" -> true;
            case "none" -> false;
            default -> throw new RocketException(Kind.INVALID_ARGUMENT,
                    "--net=" + net + ": only host and none are supported yet (CNI networks come later)");
        };
        GlobalOptions global = rkt.global();
        Pods pods = global.pods();
        try (ImageStore store = global.openStore()) {
            RunRequest options = new RunRequest(List.of(), Optional.empty(), hostNetwork, Optional.ofNullable(hostname),
                    Optional.empty(), Flavor.DEFAULT, global.insecure());
            new PodStarter(store, CommandFetcher.of(global, store, spec.commandLine().getErr()), pods, global.runtime())
                    .runPrepared(pods.resolve(reference), options);
        }
        throw new RocketException(Kind.INTERNAL, "the pod was not started");
    }
}
