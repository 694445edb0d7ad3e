package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.ImageFetcher;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.os.linux.Execve;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.Pods;
import dev.rocket.pod.PreparingPod;
import dev.rocket.pod.RunningPod;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.schema.RuntimeImage;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.oci.AppLaunch;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.oci.HostLimits;
import dev.rocket.stage1.oci.NamespaceSource;
import dev.rocket.stage1.oci.OciBundle;
import dev.rocket.stage1.oci.OciConfigTranslator;
import dev.rocket.stage1.oci.PodFacts;
import dev.rocket.stage1.runtime.OciRuntime;
import dev.rocket.store.ImageStore;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.tree.TreeStore;
import dev.rocket.store.index.ImageRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * stage0 of {@code rkt run}: resolves the image, prepares the pod (its rootfs rendered into the pod
 * directory), then hands the pod over: the pod directory's lock and this process become a small shell that
 * runs the OCI runtime in the foreground, forwards SIGTERM and SIGINT to it, and records the app's exit code.
 * No JVM stays beside the running pod; the process keeps its PID, so a supervisor owns the pod.
 */
public final class PodStarter {

    /** The shell that stays as the pod's process (a few megabytes). */
    private static final Path SHELL = Path.of("/bin/bash");

    private final ImageStore store;
    private final ImageFetcher fetcher;
    private final Pods pods;
    private final OciRuntime runtime;

    public PodStarter(ImageStore store, ImageFetcher fetcher, Pods pods, OciRuntime runtime) {
        this.store = store;
        this.fetcher = fetcher;
        this.pods = pods;
        this.runtime = runtime;
    }

    /** Prepares the pod and replaces this process with it; returns only by throwing. */
    public void run(RunRequest request) throws RocketException {
        RunningPod running;
        Prepared prepared;
        try (PreparingPod preparing = pods.create()) {
            prepared = prepare(preparing, request);
            running = preparing.markRunning();
        }
        handOver(running, prepared.pod(), prepared.app(), prepared.image(), prepared.flavor(), request);
    }

    /** {@code rkt prepare}: the pod ready on disk, in {@code prepared}; its UUID. */
    public PodUuid prepareOnly(RunRequest request) throws RocketException {
        try (PreparingPod preparing = pods.create()) {
            prepare(preparing, request);
            preparing.markPrepared();
            return preparing.uuid();
        }
    }

    /**
     * {@code rkt run-prepared}: starts a prepared pod and replaces this process with it. The network, host
     * name and insecure options come from {@code options}; images and flavor were fixed at prepare.
     */
    public void runPrepared(PodUuid uuid, RunRequest options) throws RocketException {
        RunningPod running = pods.startPrepared(uuid);
        try {
            PodManifest pod = PodManifest.parse(Files.readString(PodLayout.manifest(running.dir())));
            RuntimeApp app = pod.apps().getFirst();
            ImageManifest image = manifest(store.get(app.image().id().orElseThrow()));
            Flavor flavor = Flavor.valueOf(Files.readString(PodLayout.stage1(running.dir()).resolve(FLAVOR_FILE)).trim());
            handOver(running, pod, app, image, flavor, options);
        } catch (IOException | SpecException | IllegalArgumentException e) {
            running.close();
            throw new RocketException(Kind.FAILED_PRECONDITION, "prepared pod " + uuid + " cannot be started: " + e.getMessage(), e);
        }
    }

    private record Prepared(PodManifest pod, RuntimeApp app, ImageManifest image, Flavor flavor) {
    }

    private static final String FLAVOR_FILE = "flavor";

    private Prepared prepare(PreparingPod preparing, RunRequest request) throws RocketException {
        if (request.images().size() != 1) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "pods of several apps are not supported yet; run one image");
        }
        ImageRecord image = resolve(request.images().getFirst());
        ImageManifest manifest = manifest(image);
        AcName name = appName(image);
        RuntimeApp app = RuntimeApp.of(name, new RuntimeImage(Optional.of(image.name()), Optional.of(image.id()),
                new Labels(image.labels().entrySet().stream().map(e -> new dev.rocket.spec.types.Label(e.getKey(), e.getValue())).toList())));
        if (request.exec().isPresent()) {
            App base = manifest.app().orElseThrow(() -> new RocketException(Kind.INVALID_ARGUMENT,
                    "image " + image.name() + " has no app; --exec needs one to override"));
            app = new RuntimeApp(app.name(), app.image(), Optional.of(new App(new Exec(request.exec().get()), base.eventHandlers(), base.user(), base.group(),
                    base.supplementaryGids(), base.workingDirectory(), base.environment(), base.mountPoints(), base.ports(),
                    base.isolators(), base.userAnnotations(), base.userLabels())), app.readOnlyRootFs(), app.mounts(),
                    app.annotations());
        }
        PodManifest pod = PodManifest.of(List.of(app));
        try {
            request.uuidFileSave().ifPresent(file -> writeUuid(file, preparing));
            Path appDir = PodLayout.app(preparing.dir(), name);
            Files.createDirectories(appDir);
            TreeStore.open(store).renderTo(image.id(), appDir.resolve("rootfs"), ExtractScope.ROOTFS_ONLY, false);
            Path stage1 = Files.createDirectories(PodLayout.stage1(preparing.dir()));
            Files.writeString(stage1.resolve(FLAVOR_FILE), request.flavor().name() + "\n");
            preparing.writeManifest(pod);
            store.touch(image.id());
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "preparing the pod failed: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, e.getMessage(), e);
        }
        return new Prepared(pod, app, manifest, request.flavor());
    }

    private void handOver(RunningPod running, PodManifest pod, RuntimeApp app, ImageManifest image, Flavor flavor,
                          RunRequest request) throws RocketException {
        Path appDir = PodLayout.app(running.dir(), app.name());
        String id = running.uuid() + "-" + app.name();  // RuntimeCleanup.containerId names it the same way
        try {
            NamespaceSource network = request.hostNetwork() ? NamespaceSource.host() : NamespaceSource.ofPrivate();
            String hostname = request.hostname().orElse("rkt-" + running.uuid());
            PodFacts facts = new PodFacts(running.uuid(), hostname, network, NamespaceSource.ofPrivate(),
                    NamespaceSource.ofPrivate(), Optional.empty());
            AppLaunch launch = AppLaunch.of(pod, app, image, appDir.resolve("rootfs"), List.of(),
                    "rocket-" + id, flavor, request.insecure());
            new OciBundle(appDir).write(new OciConfigTranslator(HostLimits.read()).translate(launch, facts));
            Files.createDirectories(PodLayout.exitStatuses(running.dir()));
            String script = MonitorScript.of(runtime.runArgv(appDir, id), runtime.killArgv(id, "TERM"), runtime.killArgv(id, "KILL"), running.lock().fd().number(),
                    PodLayout.pid(running.dir()), PodLayout.exitStatus(running.dir(), app.name()));
            List<String> environment = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    running.lock().lockFdEnvironment());
            Execve.exec(SHELL, List.of("bash", "-c", script), environment, List.of(running.lock().fd()));
        } catch (IOException e) {
            throw new RocketException(e instanceof LinuxException linux ? linux.kind() : Kind.INTERNAL,
                    "starting pod " + running.uuid() + " failed: " + e.getMessage(), e);
        } finally {
            running.close();
        }
    }

    private ImageRecord resolve(String argument) throws RocketException {
        boolean looksLikeFile = argument.contains("://") || argument.endsWith(".aci") || Files.exists(Path.of(argument));
        return looksLikeFile ? fetcher.fetch(argument, Optional.empty(), PullPolicy.NEW) : store.resolve(argument);
    }

    private ImageManifest manifest(ImageRecord image) throws RocketException {
        try (InputStream blob = store.openBlob(image.id())) {
            return AciReader.manifestOf(blob);
        } catch (SpecException e) {
            throw RocketException.invalid("stored image " + image.id() + " is not valid", e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read image " + image.id() + ": " + e.getMessage(), e);
        }
    }

    /** The app's name: the last component of the image name, made an AC Name. */
    private static AcName appName(ImageRecord image) throws RocketException {
        String last = image.name().value().substring(image.name().value().lastIndexOf('/') + 1);
        try {
            return AcName.sanitize(last);
        } catch (SpecException e) {
            throw RocketException.invalid("cannot name an app after image " + image.name(), e);
        }
    }

    private static void writeUuid(Path file, PreparingPod pod) {
        try {
            Files.writeString(file, pod.uuid().toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the pod UUID to " + file + ": " + e.getMessage(), e);
        }
    }

}
