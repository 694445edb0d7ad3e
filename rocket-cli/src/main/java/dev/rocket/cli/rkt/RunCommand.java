package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.ImageFetcher;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rkt run}: run an image in a new pod, in the foreground. On success this process becomes the pod
 * (the JVM is replaced) and exits with the app's exit code.
 */
@Command(name = "run", description = "Run image(s) in a pod. Arguments after -- are passed to the app.")
class RunCommand implements Callable<Integer> {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--exec", paramLabel = "PATH", description = "Override the image's executable.")
    String exec;

    @Option(names = "--net", paramLabel = "NET", description = "Networking: host, or none (loopback only; the default here).")
    String net = "none";

    @Option(names = "--hostname", description = "The pod's host name (default: rkt-UUID).")
    String hostname;

    @Option(names = "--uuid-file-save", paramLabel = "FILE", description = "Write the pod's UUID to this file.")
    Path uuidFileSave;

    @Option(names = "--stage1-name", paramLabel = "NAME",
            description = "The stage1 flavor: default (own PID, mount, IPC, UTS namespaces) or fly (host namespaces, chroot only).")
    String stage1 = "default";

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "The image (path, URL, name or ID); then -- and the app's arguments.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws RocketException {
        GlobalOptions global = rkt.global();
        RunRequest request = request();
        try (ImageStore store = global.openStore()) {
            ImageFetcher fetcher = CommandFetcher.of(global, store, spec.commandLine().getErr());
            new PodStarter(store, fetcher, global.pods(), global.runtime()).run(request);
        }
        throw new RocketException(Kind.INTERNAL, "the pod was not started");
    }

    /** The request the flags describe; also what {@code rkt prepare} prepares. */
    RunRequest request() throws RocketException {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int separator = original.indexOf("--");
        List<String> appArguments = separator < 0 ? List.of() : original.subList(separator + 1, original.size());
        List<String> images = arguments.subList(0, arguments.size() - appArguments.size());
        if (images.isEmpty()) throw new RocketException(Kind.INVALID_ARGUMENT, "give the image to run");
        Optional<List<String>> execLine = Optional.empty();
        if (exec != null || !appArguments.isEmpty()) {
            if (exec == null) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "arguments after -- need --exec naming the program to run");
            }
            List<String> line = new ArrayList<>(List.of(exec));
            line.addAll(appArguments);
            execLine = Optional.of(line);
        }
        boolean hostNetwork = switch (net) {
            case "host" -> true;
            case "none" -> false;
            default -> throw new RocketException(Kind.INVALID_ARGUMENT,
                    "--net=" + net + ": only host and none are supported yet (CNI networks come later)");
        };
        Flavor flavor = switch (stage1) {
            case "default", "coreos.com/rkt/stage1-coreos" -> Flavor.DEFAULT;
            case "fly", "coreos.com/rkt/stage1-fly" -> Flavor.FLY;
            default -> throw new RocketException(Kind.INVALID_ARGUMENT, "--stage1-name=" + stage1 + ": the flavors are default and fly");
        };
        return new RunRequest(images, execLine, hostNetwork, Optional.ofNullable(hostname), Optional.ofNullable(uuidFileSave),
                flavor, rkt.global().insecure());
    }
}
