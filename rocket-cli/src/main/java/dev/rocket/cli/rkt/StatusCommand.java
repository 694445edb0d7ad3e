package dev.rocket.cli.rkt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.cli.output.DurationConverter;
import dev.rocket.cli.output.Humanize;
import dev.rocket.cli.output.JsonOutput;
import dev.rocket.cli.output.OutputFormat;
import dev.rocket.pod.PodState;
import dev.rocket.pod.PodStatus;
import dev.rocket.pod.Pods;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage0.PodIdRange;
import dev.rocket.stage1.isolation.IsolatorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rkt status}: a pod's state, times, PID and its apps' exit codes; optionally waits for it to exit. */
@Command(name = "status", description = "Check the status of a rkt pod.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "forever", paramLabel = "DURATION",
            description = "Wait for the pod to exit, for at most DURATION when given.")
    String waitFor;

    @Option(names = "--wait-ready", arity = "0..1", fallbackValue = "forever", paramLabel = "DURATION",
            description = "Wait for the pod to be ready (running, its apps started), for at most DURATION when given.")
    String waitReady;

    @Option(names = "--uuid-file", paramLabel = "FILE", description = "Read the pod's UUID from this file.")
    Path uuidFile;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "Output format: tabular, json or json-pretty.")
    OutputFormat format = OutputFormat.TABULAR;

    @Parameters(arity = "0..1", paramLabel = "UUID", description = "The pod's UUID or a unique prefix of it.")
    String reference;

    @Override
    public Integer call() throws RocketException {
        Trace.mark("status: command");
        Pods pods = rkt.global().pods();
        PodUuid uuid = PodReference.resolve(pods, reference, uuidFile);
        Trace.mark("status: pod resolved");
        if (waitFor != null && !waitFor.equals("false")) {
            if (waitFor.equals("forever") || waitFor.equals("true")) {
                pods.waitForExit(uuid);
            } else {
                Duration limit = DurationConverter.parse(waitFor);
                if (!pods.waitForExit(uuid, limit)) {
                    throw new RocketException(RocketException.Kind.UNAVAILABLE,
                            "pod " + uuid + " was still running after " + waitFor);
                }
            }
        }
        if (waitReady != null && !waitReady.equals("false")) waitUntilReady(pods, uuid);
        PodStatus status = pods.status(uuid);
        Trace.mark("status: status read");
        PrintWriter out = spec.commandLine().getOut();
        if (format.isJson()) {
            ObjectNode node = PodJson.of(status.pod());
            status.pid().ifPresent(pid -> node.put("pid", pid));
            privateUsers(status).ifPresent(range -> node.put("private_users", range));
            node.put("exited", status.exited());
            ObjectNode codes = node.putObject("app_exit_codes");
            status.appExitCodes().forEach((app, code) -> codes.put(app.toString(), code));
            ArrayNode oomKilled = node.putArray("oom_killed");
            status.oomKilled().forEach(app -> oomKilled.add(app.toString()));
            ObjectNode isolators = node.putObject("isolators");
            for (IsolatorReport report : PodIsolatorReports.read(status.pod().dir())) {
                isolators.set(report.app(), report.entriesJson());
            }
            JsonOutput.print(out, node, format == OutputFormat.JSON_PRETTY);
            return 0;
        }
        out.println("state=" + status.pod().state());
        status.pod().summary().created().ifPresent(t -> out.println("created=" + Humanize.fullTime(t)));
        status.pod().summary().started().ifPresent(t -> out.println("started=" + Humanize.fullTime(t)));
        String networks = PodJson.shown(status.pod());
        if (!networks.isEmpty()) out.println("networks=" + networks);
        status.pid().ifPresent(pid -> out.println("pid=" + pid));
        privateUsers(status).ifPresent(range -> out.println("private-users=" + range));
        out.println("exited=" + status.exited());
        status.appExitCodes().forEach((app, code) -> out.println("app-" + app + "=" + code));
        status.oomKilled().forEach(app -> out.println("oom-killed-" + app + "=true"));
        for (IsolatorReport report : PodIsolatorReports.read(status.pod().dir())) {
            out.println(PodIsolatorReports.statusLine(report));
        }
        out.flush();
        Trace.mark("status: printed");
        return 0;
    }

    /** {@code HOST:SIZE}, the host IDs of a pod with {@code --private-users}. */
    private static Optional<String> privateUsers(PodStatus status) throws RocketException {
        try {
            return PodIdRange.read(status.pod().dir()).map(m -> m.hostId() + ":" + m.size());
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.INTERNAL, e.getMessage(), e);
        }
    }

    private static final long READY_POLL_MILLIS = 50;

    /** Ready: the pod runs and its process has recorded its PID, which it does once it has started the apps. */
    private void waitUntilReady(Pods pods, PodUuid uuid) throws RocketException {
        boolean forever = waitReady.equals("forever") || waitReady.equals("true");
        long deadline = forever ? Long.MAX_VALUE : System.nanoTime() + DurationConverter.parse(waitReady).toNanos();
        while (true) {
            PodStatus status = pods.status(uuid);
            if (status.pod().state() == PodState.RUNNING && status.pid().isPresent()) return;
            if (status.pod().state().hasExited()) {
                throw new RocketException(RocketException.Kind.FAILED_PRECONDITION, "pod " + uuid + " exited before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw new RocketException(RocketException.Kind.UNAVAILABLE, "pod " + uuid + " was not ready after " + waitReady);
            }
            try {
                Thread.sleep(READY_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RocketException(RocketException.Kind.INTERNAL, "interrupted while waiting for pod " + uuid, e);
            }
        }
    }
}
