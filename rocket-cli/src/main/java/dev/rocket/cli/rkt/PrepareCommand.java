package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.stage0.StartWarmUp;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;

/** {@code rkt prepare}: everything {@code rkt run} does before starting the pod; prints the pod's UUID. */
@Command(name = "prepare", description = "Prepare a pod to run later with run-prepared; prints its UUID.")
final class PrepareCommand extends RunCommand {

    @Override
    public Integer call() throws RocketException {
        Trace.mark("command parsed");
        StartWarmUp warmUp = StartWarmUp.begin();
        GlobalOptions global = rkt.global();
        try (ImageStore store = global.openStore()) {
            Trace.mark("store open");
            warmUp.await();
            var uuid = global.podStarter(store, spec.commandLine().getErr()).prepareOnly(request());
            spec.commandLine().getOut().println(uuid);
            spec.commandLine().getOut().flush();
            Trace.mark("prepared");
        }
        return 0;
    }
}
