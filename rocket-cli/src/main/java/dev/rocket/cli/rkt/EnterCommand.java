package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.cli.PositionalFlags;
import dev.rocket.os.linux.Execve;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.PodState;
import dev.rocket.pod.Pods;
import dev.rocket.spec.types.AcName;
import dev.rocket.stage0.PodRuntimeRecord;
import dev.rocket.stage0.RuntimeCleanup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rkt enter}: run a command (a shell by default) inside an app of a running pod, in the app's
 * namespaces, root and environment; this process becomes the OCI runtime's {@code exec}.
 */
@Command(name = "enter", description = "Enter the namespaces of an app within a pod: rkt enter [--app=NAME] UUID [CMD [ARGS...]].")
final class EnterCommand implements Callable<Integer>, PositionalFlags {

    static final List<String> DEFAULT_COMMAND = List.of("/bin/sh");

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--app", paramLabel = "NAME", description = "The app to enter (needed when the pod has several).")
    String app;

    @Parameters(arity = "1..*", paramLabel = "UUID [CMD [ARGS...]]", description = "The pod, then the command to run.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws RocketException {
        GlobalOptions global = rkt.global();
        Pods pods = global.pods();
        PodInfo pod = pods.get(pods.resolve(arguments.getFirst()));
        if (pod.state() != PodState.RUNNING) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + pod.uuid() + " is not running (" + pod.state() + ")");
        }
        AcName name = PodApps.one(pod, app);
        List<String> command = arguments.size() > 1 ? arguments.subList(1, arguments.size()) : DEFAULT_COMMAND;
        boolean tty = System.console() != null && System.console().isTerminal();
        List<String> argv = PodRuntimeRecord.of(pod.dir(), global.ociRuntimes()).execArgv(RuntimeCleanup.containerId(pod.uuid(), name), tty, command);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        try {
            Execve.exec(Path.of(argv.getFirst()), argv, List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                    List.of());
        } catch (LinuxException e) {
            throw new RocketException(e.kind(), "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        throw new RocketException(Kind.INTERNAL, "the command did not start");
    }
}
