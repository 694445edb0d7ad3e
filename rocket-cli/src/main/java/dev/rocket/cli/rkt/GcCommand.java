package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.cli.output.DurationConverter;
import dev.rocket.pod.GcPolicy;
import dev.rocket.pod.PodGcReport;
import dev.rocket.spec.types.PodUuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code rkt gc}: mark exited pods, then delete those marked longer ago than the grace period. */
@Command(name = "gc", description = "Garbage collect pods that have exited.")
final class GcCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Duration to wait before discarding inactive pods from garbage (default: 30m0s).")
    Duration gracePeriod = GcPolicy.DEFAULT.gracePeriod();

    @Option(names = "--expire-prepared", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Duration to wait before expiring prepared pods (default: 24h0m0s).")
    Duration expirePrepared = GcPolicy.DEFAULT.expirePrepared();

    @Option(names = "--mark-only", description = "Only move exited pods to the garbage directory; do not delete.")
    boolean markOnly;

    @Override
    public Integer call() throws RocketException {
        PodGcReport report = rkt.global().pods().gc(new GcPolicy(gracePeriod, expirePrepared, markOnly), rkt.global().runtimeCleanup());
        PrintWriter err = spec.commandLine().getErr();
        for (PodUuid uuid : report.marked()) err.println("gc: moving pod \"" + uuid + "\" to garbage");
        for (PodUuid uuid : report.collected()) err.println("Garbage collecting pod \"" + uuid + "\"");
        for (RocketException failure : report.failures()) err.println("rkt: " + failure.getMessage());
        err.flush();
        return report.failures().isEmpty() ? 0 : 254;
    }
}
