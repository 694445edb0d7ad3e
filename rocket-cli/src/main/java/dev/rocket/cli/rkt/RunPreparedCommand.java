package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.Pods;
import dev.rocket.stage0.PodRunOptions;
import dev.rocket.stage0.StartWarmUp;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Parameters(paramLabel = "UUID", description = "The prepared pod's UUID or a unique prefix of it.")
    String reference;

    @Option(names = "--interactive", description = "Run the pod's one app with this terminal's standard input.")
    boolean interactive;

    @Override
    public Integer call() throws RocketException {
        Trace.mark("command parsed");
        StartWarmUp warmUp = StartWarmUp.begin();
        GlobalOptions global = rkt.global();
        PodRunOptions options = network.runOptions(interactive, global.insecure());
        Pods pods = global.pods();
        try (ImageStore store = global.openStore()) {
            Trace.mark("store open");
            warmUp.await();
            global.podStarter(store, spec.commandLine().getErr())
                    .runPrepared(pods.resolve(reference), options);
        }
        throw new RocketException(Kind.INTERNAL, "the pod was not started");
    }
}
