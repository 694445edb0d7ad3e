package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.Pods;
import dev.rocket.stage0.PodStarter;
import dev.rocket.stage0.PodRunOptions;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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

    @Option(names = "--interactive", description = "Run the pod's one app with this terminal's standard input.")
    boolean interactive;

    @Override
    public Integer call() throws RocketException {
        GlobalOptions global = rkt.global();
        PodRunOptions options = RunCommand.runOptions(net, hostname, interactive, global);
        Pods pods = global.pods();
        try (ImageStore store = global.openStore()) {
            new PodStarter(store, CommandFetcher.of(global, store, spec.commandLine().getErr()), pods, global.runtime())
                    .runPrepared(pods.resolve(reference), options);
        }
        throw new RocketException(Kind.INTERNAL, "the pod was not started");
    }
}
