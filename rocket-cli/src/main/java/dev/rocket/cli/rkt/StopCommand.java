package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.Processes;
import dev.rocket.os.linux.Signal;
import dev.rocket.pod.PodApp;
import dev.rocket.pod.PodState;
import dev.rocket.pod.PodStatus;
import dev.rocket.pod.Pods;
import dev.rocket.stage0.PodRuntimeRecord;
import dev.rocket.stage0.RuntimeCleanup;
import dev.rocket.stage1.runtime.OciRuntime;
import dev.rocket.spec.types.PodUuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rkt stop}: SIGTERM to the pod's process, which stops its apps (SIGKILL after a grace period);
 * {@code --force} kills the apps at once.
 */
@Command(name = "stop", description = "Stop a pod.")
final class StopCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--force", description = "Kill the pod's apps at once.")
    boolean force;

    @Option(names = "--uuid-file", paramLabel = "FILE", description = "Read the pod's UUID from this file.")
    Path uuidFile;

    @Parameters(arity = "0..*", paramLabel = "UUID", description = "Pod UUIDs or unique prefixes.")
    List<String> references = new ArrayList<>();

    @Override
    public Integer call() throws RocketException {
        Pods pods = rkt.global().pods();
        List<PodUuid> uuids = new ArrayList<>();
        if (uuidFile != null) uuids.add(PodReference.resolve(pods, null, uuidFile));
        for (String reference : references) uuids.add(pods.resolve(reference));
        if (uuids.isEmpty()) throw new RocketException(Kind.INVALID_ARGUMENT, "give the UUIDs of the pods to stop (or --uuid-file)");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (PodUuid uuid : uuids) {
            try {
                stop(pods.status(uuid));
                out.println("\"" + uuid + "\"");
            } catch (RocketException e) {
                err.println("rkt: " + e.getMessage());
                failed++;
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 254;
    }

    private void stop(PodStatus status) throws RocketException {
        if (status.pod().state() != PodState.RUNNING) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + status.pod().uuid() + " is " + status.pod().state() + ", not running");
        }
        if (force) {
            OciRuntime runtime = PodRuntimeRecord.of(status.pod().dir(), rkt.global().ociRuntimes());
            for (PodApp app : status.pod().summary().apps()) {
                try {
                    runtime.kill(RuntimeCleanup.containerId(status.pod().uuid(), app.name()), Signal.SIGKILL);
                } catch (RocketException e) {
                    if (e.kind() != Kind.NOT_FOUND) throw e;
                }
            }
            return;
        }
        int pid = status.pid().orElseThrow(() -> new RocketException(Kind.FAILED_PRECONDITION,
                "pod " + status.pod().uuid() + " has not recorded its process yet; try again"));
        try {
            Processes.kill(pid, Signal.SIGTERM);
        } catch (LinuxException e) {
            throw new RocketException(e.kind(), "cannot signal pod " + status.pod().uuid() + ": " + e.getMessage(), e);
        }
    }
}
