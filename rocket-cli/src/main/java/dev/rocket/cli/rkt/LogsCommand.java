package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.Pods;
import dev.rocket.spec.types.AcName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rkt logs}: the output (standard output and error) of a pod's apps, as the pod keeps it in
 * {@code logs/APP}; with {@code --follow}, also what they write until the pod exits.
 */
@Command(name = "logs", description = "Print the persisted output of a pod's apps.")
final class LogsCommand implements Callable<Integer> {

    private static final long FOLLOW_POLL_MILLIS = 200;

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--app", paramLabel = "NAME", description = "Only this app's output.")
    String app;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what the apps write until the pod exits.")
    boolean follow;

    @Parameters(paramLabel = "UUID", description = "The pod's UUID or a unique prefix of it.")
    String reference;

    @Override
    public Integer call() throws RocketException {
        Pods pods = rkt.global().pods();
        PodInfo pod = pods.get(pods.resolve(reference));
        List<AcName> apps = PodApps.selected(pod, app);
        if (apps.size() != 1 && follow) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--follow follows one app; choose it with --app");
        }
        spec.commandLine().getOut().flush();
        PrintStream out = System.out;
        try {
            for (AcName name : apps) {
                Path log = PodLayout.log(pod.dir(), name);
                if (!Files.exists(log)) continue;
                try (InputStream in = Files.newInputStream(log)) {
                    in.transferTo(out);
                    while (follow && !pods.get(pod.uuid()).state().hasExited()) {
                        out.flush();
                        Thread.sleep(FOLLOW_POLL_MILLIS);
                        in.transferTo(out);
                    }
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read the logs of pod " + pod.uuid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        return 0;
    }
}
