package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.base.Trace;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.mds.MetadataRegistration;
import dev.rocket.net.NetworkAttachment;
import dev.rocket.net.NetworkSettings;
import dev.rocket.net.PodNetworking;
import dev.rocket.os.linux.FileMetadata;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.Pods;
import dev.rocket.pod.PreparingPod;
import dev.rocket.pod.RunningPod;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.NetworkBandwidthIsolator;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.Volume;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.oci.IdMapping;
import dev.rocket.stage1.oci.RootfsOwnerShift;
import dev.rocket.stage1.oci.VolumeMount;
import dev.rocket.stage1.runtime.OciRuntime;
import dev.rocket.stage1.runtime.OciRuntimes;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.TreeStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * stage0 of {@code rkt run}: resolves the images, prepares the pod (manifest, each app's root, volumes), then
 * hands the pod over: the pod's namespaces are pinned, the app roots mounted, each app's OCI bundle written,
 * and this process, keeping the pod directory's lock, becomes the small shell that runs the apps in the OCI
 * runtime under conmon ({@link PodMonitor}, {@link MonitorScript}). No JVM stays beside the running pod; the
 * process keeps its PID, so a supervisor owns the pod.
 */
public final class PodStarter {

    private static final String FLAVOR_FILE = "flavor";
    private static final String NO_OVERLAY_FILE = "no-overlay";
    private static final String HOST_IPC_FILE = "host-ipc";

    private final ImageStore store;
    private final ImageSource images;
    private final Pods pods;
    private final OciRuntimes runtimes;
    private final NetworkSettings networks;
    /** Each image's record and manifest, read once per start (the plan, the port check and each bundle ask). */
    private final Map<ImageId, ImageRecord> records = new HashMap<>();
    private final Map<ImageId, ImageManifest> manifests = new HashMap<>();

    public PodStarter(ImageStore store, ImageSource images, Pods pods, OciRuntimes runtimes, NetworkSettings networks) {
        this.store = store;
        this.images = images;
        this.pods = pods;
        this.runtimes = runtimes;
        this.networks = networks;
    }

    /** Prepares the pod and replaces this process with it; returns only by throwing. */
    public void run(RunRequest request) throws RocketException {
        if (request.privateUsers() && request.options().hostNetwork()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--private-users cannot be combined with --net=host: the"
                    + " host's network namespace is not the pod's user namespace's to administer");
        }
        RunningPod running;
        Prepared launchable;
        try (PreparingPod preparing = pods.create()) {
            Trace.mark("pod created");
            Prepared prepared = refusing(preparing, () -> prepare(preparing, request));
            if (request.flavor() != Flavor.FLY) {
                refusing(preparing, () -> {
                    new PodNetworking(networks).check(request.options().net(), request.options().ports(),
                            appPorts(prepared.manifest()));
                    return prepared;
                });
            }
            running = preparing.markRunning();
            launchable = prepared;
        }
        Trace.mark("pod running");
        launch(running, request.options(), Optional.of(launchable));
    }

    /** {@code rkt prepare}: the pod ready on disk, in {@code prepared}; its UUID. */
    public PodUuid prepareOnly(RunRequest request) throws RocketException {
        try (PreparingPod preparing = pods.create()) {
            refusing(preparing, () -> prepare(preparing, request));
            preparing.markPrepared();
            return preparing.uuid();
        }
    }

    /** {@code rkt run-prepared}: starts a prepared pod and replaces this process with it. */
    public void runPrepared(PodUuid uuid, PodRunOptions options) throws RocketException {
        launch(pods.startPrepared(uuid), options, Optional.empty());
    }

    private interface Step<T> {
        T run() throws RocketException;
    }

    /** A step of preparation whose failure (bad input, mostly) discards the pod: nothing of it is left. */
    private static <T> T refusing(PreparingPod preparing, Step<T> step) throws RocketException {
        try {
            return step.run();
        } catch (RocketException e) {
            try {
                preparing.discard();
            } catch (RocketException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * The pod's network bandwidth in bytes per second: the lowest {@code resource/network-bandwidth} of the pod
     * manifest and its apps, since the apps share the pod's interfaces.
     */
    OptionalLong networkBandwidth(PodManifest pod) throws RocketException {
        List<Isolator> isolators = new ArrayList<>(pod.isolators());
        for (RuntimeApp app : pod.apps()) {
            ImageManifest image = manifestOf(imageOf(app));
            app.app().or(image::app).map(dev.rocket.spec.schema.App::isolators).ifPresent(isolators::addAll);
        }
        return isolators.stream().filter(i -> i instanceof NetworkBandwidthIsolator)
                .mapToLong(i -> ((NetworkBandwidthIsolator) i).limit().amount()).min();
    }

    /** The ports the apps of {@code pod} declare, which {@code --port} names. */
    List<Port> appPorts(PodManifest pod) throws RocketException {
        List<Port> ports = new ArrayList<>();
        for (RuntimeApp app : pod.apps()) {
            ImageManifest image = manifestOf(imageOf(app));
            app.app().or(image::app).map(dev.rocket.spec.schema.App::ports).ifPresent(ports::addAll);
        }
        return ports;
    }

    /** What this process prepared: the pod manifest as written and the runtime recorded. */
    private record Prepared(PodManifest manifest, OciRuntime runtime) {
    }

    private Prepared prepare(PreparingPod preparing, RunRequest request) throws RocketException {
        PodManifest manifest;
        List<ImageRecord> images = new ArrayList<>();
        if (request.podManifest().isPresent()) {
            manifest = readPodManifest(request.podManifest().get());
            for (RuntimeApp app : manifest.apps()) images.add(imageOf(app));
        } else {
            PodPlanner.Plan plan = new PodPlanner(app -> resolve(app, request.pullPolicy())).plan(request);
            manifest = plan.manifest();
            plan.images().forEach(image -> images.add(image.record()));
        }
        Trace.mark("pod planned");
        OciRuntime runtime = runtimes.choose(request.ociRuntime());
        if (request.privateUsers() && request.flavor() == Flavor.FLY) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the fly flavor runs apps with the host's users;"
                    + " --private-users needs the default flavor");
        }
        if (request.privateUsers() && request.hostIpc()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--private-users cannot be combined with --ipc=parent: the"
                    + " host's IPC namespace is not the pod's user namespace's to administer");
        }
        // A user namespace needs the image's owners shifted into the pod's range: on a copy, never the store's tree.
        boolean overlay = !request.noOverlay() && !request.privateUsers() && AppRootfs.overlayAvailable();
        try {
            request.uuidFileSave().ifPresent(file -> writeUuid(file, preparing.uuid()));
            Optional<IdMapping> users = request.privateUsers()
                    ? Optional.of(PodIdRange.allocate(pods.layout(), preparing.dir())) : Optional.empty();
            AppRootfs roots = new AppRootfs(TreeStore.open(store));
            for (int i = 0; i < manifest.apps().size(); i++) {
                Path appDir = Files.createDirectories(PodLayout.app(preparing.dir(), manifest.apps().get(i).name()));
                roots.prepare(images.get(i).id(), appDir, overlay);
                if (users.isPresent()) RootfsOwnerShift.shift(AppRootfs.rootfs(appDir), users.get());
            }
            Trace.mark("app roots prepared");
            for (Volume volume : manifest.volumes()) {
                if (volume.kind() == Volume.Kind.EMPTY) {
                    createEmptyVolume(PodLayout.emptyVolume(preparing.dir(), volume.name()), volume, users);
                }
            }
            Path stage1 = Files.createDirectories(PodLayout.stage1(preparing.dir()));
            Files.writeString(stage1.resolve(FLAVOR_FILE), request.flavor().name() + "\n");
            PodRuntimeRecord.write(preparing.dir(), runtime);
            if (!overlay) Files.writeString(stage1.resolve(NO_OVERLAY_FILE), "");
            if (request.hostIpc()) Files.writeString(stage1.resolve(HOST_IPC_FILE), "");
            preparing.writeManifest(manifest);
            for (ImageRecord image : images) store.touch(image.id());
            Trace.mark("pod manifest written");
            return new Prepared(manifest, runtime);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "preparing the pod failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    /** Starts the pod; {@code prepared} is its manifest and runtime, when this process prepared it. */
    private void launch(RunningPod running, PodRunOptions options, Optional<Prepared> prepared) throws RocketException {
        Path dir = running.dir();
        try {
            PodManifest pod = prepared.isPresent() ? prepared.get().manifest()
                    : PodManifest.parse(Files.readString(PodLayout.manifest(dir)));
            Flavor flavor = Flavor.valueOf(Files.readString(PodLayout.stage1(dir).resolve(FLAVOR_FILE)).trim());
            boolean overlay = !Files.exists(PodLayout.stage1(dir).resolve(NO_OVERLAY_FILE));
            if (options.interactive() && pod.apps().size() > 1) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "--interactive runs one app; this pod has " + pod.apps().size());
            }
            Optional<IdMapping> users = PodIdRange.read(dir);
            OciRuntime runtime = prepared.isPresent() ? prepared.get().runtime() : PodRuntimeRecord.of(dir, runtimes);
            PodNamespaces.Pinned namespaces = flavor == Flavor.FLY ? null : PodNamespaces.pin(dir, options.hostNetwork(),
                    Files.exists(PodLayout.stage1(dir).resolve(HOST_IPC_FILE)), users);
            Trace.mark("namespaces pinned");
            List<String> atExit = List.of();
            List<VolumeMount> podFiles = List.of();
            if (namespaces != null && !options.hostNetwork()) {
                PodNetworkFiles files = new PodNetworkFiles(networks, running.uuid(), dir, options);
                podFiles = files.setUp(PodLayout.namespaces(dir).resolve("net"), appPorts(pod), networkBandwidth(pod),
                        namespaces.loopbackUp());
                atExit = PodNetworkFiles.teardownCommand(dir);
                Trace.mark("network set up");
            }
            Optional<URI> metadataUrl = options.mdsRegister().isPresent()
                    ? Optional.of(register(running, pod, options)) : Optional.empty();
            AppRootfs roots = new AppRootfs(TreeStore.open(store));
            boolean rehearsal = LaunchRehearsal.active();
            boolean underOwn = runtime.nestsCgroupsUnderOwn();
            PodCgroup.Plan cgroup = rehearsal ? PodCgroup.plan(running.uuid(), pod.isolators(), flavor != Flavor.FLY, underOwn)
                    : PodCgroup.create(dir, running.uuid(), pod.isolators(), flavor != Flavor.FLY, underOwn);
            Trace.mark("cgroup created");
            // With private users the runtime reaches the pod's files as the pod's root: through a view it can search.
            Path seen = users.isPresent() ? PodUsersView.mount(dir, running.uuid()) : dir;
            // the monitor hides from itself what the runtime must not see, so it runs the runtime directly
            PodBundles bundles = new PodBundles(running.uuid(), seen, pod, namespaces, flavor, options, runtime.withMountsHidden(),
                    PodUsersView.through(dir, seen, podFiles), metadataUrl, users, cgroup);
            Trace.mark("bundle writer ready");
            List<MonitorScript.Job> jobs = new ArrayList<>();
            for (RuntimeApp app : pod.apps()) {
                ImageRecord image = imageOf(app);
                roots.mount(image.id(), PodLayout.app(dir, app.name()), overlay);
                Trace.mark("app root mounted");
                jobs.add(bundles.write(app, manifestOf(image)));
                Trace.mark("app bundle written");
            }
            Trace.mark("exec of the pod's monitor");
            if (rehearsal) {
                PodMonitor.prepare(running, jobs, options.interactive(), atExit);
                throw new LaunchRehearsal.Stopped(running.uuid());
            }
            PodMonitor.exec(running, jobs, options.interactive(), atExit, runtime.hiddenMounts());
            throw new RocketException(Kind.INTERNAL, "the pod's process did not start");
        } catch (RocketException e) {
            releaseQuietly(dir, running.uuid());
            throw e;
        } catch (IOException | SpecException | IllegalArgumentException e) {
            releaseQuietly(dir, running.uuid());
            throw new RocketException(e instanceof LinuxException linux ? linux.kind() : Kind.INTERNAL,
                    "starting pod " + running.uuid() + " failed: " + e.getMessage(), e);
        } finally {
            running.close();
        }
    }

    private URI register(RunningPod running, PodManifest pod, PodRunOptions options) throws RocketException, IOException {
        List<MetadataRegistrar.App> apps = new ArrayList<>();
        for (RuntimeApp app : pod.apps()) apps.add(new MetadataRegistrar.App(app, manifestOf(imageOf(app))));
        List<NetworkAttachment> networks = options.hostNetwork() ? List.of() : PodNetworking.attachments(running.dir());
        return new MetadataRegistrar(MetadataRegistration.at(options.mdsRegister().get())).register(running.uuid(),
                Files.readString(PodLayout.manifest(running.dir())), apps, networks, options.hostNetwork());
    }

    /** Undoes a start that failed half-way: networks, the pod's cgroup, then mounts; gc retries whatever is left. */
    private static void releaseQuietly(Path dir, PodUuid uuid) {
        try {
            PodNetworking.tearDownSaved(dir);
        } catch (RocketException ignored) {
            // gc retries; the failure being reported matters more
        }
        PodCgroup.remove(dir); // what is left is gc's again
        PodUsersView.remove(uuid);
        try {
            PodMounts.unmountAll(dir);
        } catch (RocketException ignored) {
            // as above
        }
    }

    private PodPlanner.ResolvedImage resolve(AppRequest app, PullPolicy policy) throws RocketException {
        String argument = app.image();
        Optional<String> signature = app.signature().map(Path::toString);
        ImageRecord record;
        if (images.fetches(argument)) {
            record = images.fetch(argument, signature, policy);
        } else {
            try {
                record = store.resolve(argument);
            } catch (RocketException e) {
                if (e.kind() != Kind.NOT_FOUND || policy == PullPolicy.NEVER) throw e;
                record = images.fetch(argument, signature, policy); // a name the store lacks: discovery
            }
        }
        return new PodPlanner.ResolvedImage(record, manifestOf(record));
    }

    ImageRecord imageOf(RuntimeApp app) throws RocketException {
        if (app.image().id().isPresent()) {
            ImageId id = app.image().id().get();
            ImageRecord record = records.get(id);
            if (record == null) {
                record = store.get(id);
                records.put(id, record);
            }
            return record;
        }
        throw new RocketException(Kind.INVALID_ARGUMENT, "app " + app.name() + " of the pod manifest names its image without an id");
    }

    ImageManifest manifestOf(ImageRecord image) throws RocketException {
        ImageManifest known = manifests.get(image.id());
        if (known != null) return known;
        try (InputStream blob = store.openBlob(image.id())) {
            ImageManifest manifest = AciReader.parseManifest(AciReader.storedManifestBytesOf(blob));
            manifests.put(image.id(), manifest);
            records.putIfAbsent(image.id(), image);
            return manifest;
        } catch (SpecException e) {
            throw RocketException.invalid("stored image " + image.id() + " is not valid", e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read image " + image.id() + ": " + e.getMessage(), e);
        }
    }

    private static PodManifest readPodManifest(Path file) throws RocketException {
        try {
            return PodManifest.parse(Files.readString(file));
        } catch (IOException e) {
            throw new RocketException(Kind.NOT_FOUND, "cannot read the pod manifest " + file + ": " + e.getMessage(), e);
        } catch (SpecException e) {
            throw RocketException.invalid("pod manifest " + file + " is not valid", e);
        }
    }

    /** An empty volume, owned as it asks; in a pod with private users, by the host IDs of those owners. */
    private static void createEmptyVolume(Path dir, Volume volume, Optional<IdMapping> users) throws IOException, RocketException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        int uid = volume.uid().orElse(0);
        int gid = volume.gid().orElse(0);
        if (users.isPresent()) {
            try {
                uid = (int) users.get().toHost(uid);
                gid = (int) users.get().toHost(gid);
            } catch (IllegalArgumentException e) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "volume " + volume.name() + ": " + e.getMessage(), e);
            }
        }
        FileMetadata.lchown(dir, uid, gid);
        FileMetadata.chmod(dir, Integer.parseInt(volume.mode().orElse(Volume.DEFAULT_MODE), 8));
    }

    private static void writeUuid(Path file, PodUuid uuid) {
        try {
            Files.writeString(file, uuid.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pod UUID to " + file + ": " + e.getMessage(), e);
        }
    }
}
