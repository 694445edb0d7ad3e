package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.Trace;
import dev.rocket.cli.PositionalFlags;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.Volume;
import dev.rocket.stage0.AppRequest;
import dev.rocket.stage0.RunRequest;
import dev.rocket.stage0.StartWarmUp;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.runtime.RuntimeChoice;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rkt run}: run images in a new pod, in the foreground. On success this process becomes the pod (the JVM
 * is replaced) and exits with the first non-zero exit code of its apps. Pod flags come before the first image;
 * each image is followed by its own flags (see {@link AppArguments}).
 */
@Command(name = "run", description = {"Run image(s) in a pod.",
        "Usage: rkt run [POD-FLAGS] IMAGE [APP-FLAGS] [-- APP-ARGS] [--- IMAGE [APP-FLAGS] ...]",
        "App flags: --exec, --name, --user, --group, --supplementary-gids, --working-dir, --environment=NAME=VALUE,",
        "  --mount volume=NAME,target=PATH, --readonly-rootfs, --user-annotation=K=V, --user-label=K=V, --signature=FILE,",
        "  --caps-retain=CAP,..., --caps-remove=CAP,..., --seccomp=mode=retain|remove[,errno=E],SYSCALL,..., --memory=Q, --cpu=Q."})
class RunCommand implements Callable<Integer>, PositionalFlags {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--uuid-file-save", paramLabel = "FILE", description = "Write the pod's UUID to this file.")
    Path uuidFileSave;

    @Option(names = "--stage1-name", paramLabel = "NAME",
            description = "The stage1 flavor: default (own PID, mount, IPC, UTS namespaces) or fly (host namespaces, chroot only).")
    String stage1 = "default";

    @Option(names = "--volume", paramLabel = "NAME,kind=host|empty,...",
            description = "A pod volume: NAME,kind=host,source=PATH[,readOnly=true][,recursive=false] or NAME,kind=empty[,mode=0755,uid=N,gid=N].")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--set-env", paramLabel = "NAME=VALUE", description = "An environment variable for every app.")
    List<String> setEnv = new ArrayList<>();

    @Option(names = "--set-env-file", paramLabel = "FILE", description = "A file of NAME=VALUE lines for every app.")
    Path setEnvFile;

    @Option(names = "--inherit-env", description = "Give the apps this process's environment (below every other setting).")
    boolean inheritEnv;

    @Option(names = "--interactive", description = "Run one app with this terminal's standard input.")
    boolean interactive;

    @Option(names = "--no-overlay", description = "Copy each image into the pod instead of mounting an overlay.")
    boolean noOverlay;

    @Option(names = "--private-users",
            description = "Run the pod in a user namespace of its own: its IDs 0-65535 are a range of host IDs no other pod has; implies --no-overlay (the image is copied and its owners shifted into the range).")
    boolean privateUsers;

    @Option(names = "--pod-manifest", paramLabel = "FILE",
            description = "Run the pod this manifest describes (its images must be in the store); only --net, --no-overlay and --interactive apply.")
    Path podManifest;

    @Option(names = "--ipc", paramLabel = "auto|private|parent",
            description = "The pod's IPC namespace: its own (auto, private; the default) or the host's (parent).")
    String ipc = "auto";

    @Option(names = {"--stage1-path", "--stage1-url", "--stage1-from-dir", "--stage1-hash"}, paramLabel = "STAGE1",
            description = "rkt's stage1 image selectors; here they choose the flavor by the image's name: one naming fly runs fly, one naming coreos or default the default.")
    String stage1Image;

    // Not rkt's, whose stage1 images were the runtime: Rocket's stage1 runs apps in an OCI runtime of the host.
    @Option(names = "--oci-runtime", paramLabel = "auto|runc|crun",
            description = "The OCI runtime the pod's apps run in: runc, crun, or auto (default: runc where installed, else crun).")
    String ociRuntime = "auto";

    @Option(names = "--pull-policy", paramLabel = "POLICY", converter = PullPolicyConverter.class,
            description = "When to fetch images: never (the store only), new (default: names missing from the store) or update.")
    PullPolicy pullPolicy = PullPolicy.NEW;

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "The images (path, URL, name or ID), each followed by its app flags, -- and its arguments, and --- before the next.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws RocketException {
        Trace.mark("command parsed");
        StartWarmUp warmUp = StartWarmUp.begin();
        GlobalOptions global = rkt.global();
        RunRequest request = request();
        try (ImageStore store = global.openStore()) {
            Trace.mark("store open");
            warmUp.await();
            global.podStarter(store, spec.commandLine().getErr()).run(request);
        }
        throw new RocketException(Kind.INTERNAL, "the pod was not started");
    }

    /** The request the flags describe; also what {@code rkt prepare} prepares. */
    RunRequest request() throws RocketException {
        List<AppRequest> apps = AppArguments.parse(arguments);
        if (podManifest != null && !apps.isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--pod-manifest names the images; give no image arguments with it");
        }
        if (podManifest == null && apps.isEmpty()) throw new RocketException(Kind.INVALID_ARGUMENT, "give the image to run");
        List<Volume> podVolumes = new ArrayList<>();
        for (String volume : volumes) podVolumes.add(VolumeFlag.parse(volume));
        boolean hostIpc = switch (ipc) {
            case "auto", "private" -> false;
            case "parent" -> true;
            default -> throw new RocketException(Kind.INVALID_ARGUMENT, "--ipc=" + ipc + ": expected auto, private or parent");
        };
        if (stage1Image != null) stage1 = flavorOfStage1Image(stage1Image);
        Flavor flavor = switch (stage1) {
            case "default", "coreos.com/rkt/stage1-coreos" -> Flavor.DEFAULT;
            case "fly", "coreos.com/rkt/stage1-fly" -> Flavor.FLY;
            default -> throw new RocketException(Kind.INVALID_ARGUMENT, "--stage1-name=" + stage1 + ": the flavors are default and fly");
        };
        return new RunRequest(apps, podVolumes, environment(), Optional.ofNullable(podManifest),
                Optional.ofNullable(uuidFileSave), flavor, noOverlay, pullPolicy, hostIpc, privateUsers,
                RuntimeChoice.parse(ociRuntime), network.runOptions(interactive, rkt.global().insecure()));
    }

    /** The flavor a stage1 image of rkt stands for: fly, or the default (coreos, kvm is not offered). */
    private static String flavorOfStage1Image(String image) throws RocketException {
        String name = image.substring(image.lastIndexOf('/') + 1);
        if (name.contains("fly")) return "fly";
        if (name.contains("coreos") || name.contains("default")) return "default";
        throw new RocketException(Kind.INVALID_ARGUMENT, "stage1 " + image + " is not one of Rocket's flavors: name a fly or"
                + " coreos (default) stage1, or use --stage1-name=default|fly");
    }

    /** --inherit-env first, then --set-env-file, then --set-env: a later setting of a name wins. */
    private List<EnvironmentVariable> environment() throws RocketException {
        List<EnvironmentVariable> environment = new ArrayList<>();
        if (inheritEnv) {
            for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
                if (EnvironmentVariable.isValidName(variable.getKey())) {
                    environment.add(new EnvironmentVariable(variable.getKey(), variable.getValue()));
                }
            }
        }
        if (setEnvFile != null) {
            try {
                for (String line : Files.readAllLines(setEnvFile)) {
                    String text = line.strip();
                    if (text.isEmpty() || text.startsWith("#")) continue;
                    environment.add(AppArguments.variable("--set-env-file " + setEnvFile, text));
                }
            } catch (IOException e) {
                throw new RocketException(Kind.NOT_FOUND, "cannot read --set-env-file " + setEnvFile + ": " + e.getMessage(), e);
            }
        }
        for (String variable : setEnv) environment.add(AppArguments.variable("--set-env", variable));
        return environment;
    }
}
