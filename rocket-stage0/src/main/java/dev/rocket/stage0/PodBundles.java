package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.pod.PodLayout;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.Mount;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.EventHandler;
import dev.rocket.spec.types.EventHandler.Event;
import dev.rocket.spec.types.MountPoint;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.Volume;
import dev.rocket.stage1.oci.AppLaunch;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.oci.HostLimits;
import dev.rocket.stage1.oci.IdMapping;
import dev.rocket.stage1.oci.NamespaceSource;
import dev.rocket.stage1.oci.OciBundle;
import dev.rocket.stage1.oci.OciConfigTranslator;
import dev.rocket.stage1.oci.OciTranslation;
import dev.rocket.stage1.oci.PodCgroupFiles;
import dev.rocket.stage1.oci.PodFacts;
import dev.rocket.stage1.oci.VolumeMount;
import dev.rocket.stage1.runtime.Conmon;
import dev.rocket.stage1.runtime.OciRuntime;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the OCI bundles of a pod's apps: the app's own in {@code apps/APP/}, and one per event handler in
 * {@code apps/APP/EVENT/} (a handler runs as its own container on the app's root, in the app's environment).
 */
final class PodBundles {

    private final PodUuid uuid;
    private final Path pod;
    private final PodManifest manifest;
    private final PodFacts facts;
    private final Flavor flavor;
    private final PodRunOptions options;
    private final OciRuntime runtime;
    private final OciConfigTranslator translator;
    private final List<VolumeMount> podFiles;
    private final PodCgroup.Plan cgroup;
    private final Optional<Conmon> conmon;

    PodBundles(PodUuid uuid, Path pod, PodManifest manifest, PodNamespaces.Pinned namespaces, Flavor flavor,
               PodRunOptions options, OciRuntime runtime, List<VolumeMount> podFiles, Optional<URI> metadataUrl,
               Optional<IdMapping> privateUsers, PodCgroup.Plan cgroup) throws RocketException, IOException {
        this.podFiles = List.copyOf(podFiles);
        this.uuid = uuid;
        this.pod = pod;
        this.manifest = manifest;
        this.flavor = flavor;
        this.options = options;
        this.runtime = runtime;
        this.translator = new OciConfigTranslator(HostLimits.read());
        // conmon needs no terminal of its own: an interactive app keeps the runtime in the foreground
        this.conmon = options.interactive() ? Optional.empty() : Conmon.forRuntime(runtime);
        this.cgroup = cgroup;
        String hostname = options.hostname().orElse("rkt-" + uuid);
        PodFacts facts = namespaces == null
                ? new PodFacts(uuid, hostname, NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(), metadataUrl)
                : new PodFacts(uuid, hostname, namespaces.network(), namespaces.ipc(), namespaces.uts(), metadataUrl);
        if (privateUsers.isPresent()) {
            Optional<Path> pinned = namespaces == null ? Optional.empty() : namespaces.user();
            facts = pinned.isPresent() ? facts.withPrivateUsers(privateUsers.get(), pinned.get())
                    : facts.withPrivateUsers(privateUsers.get());
        }
        this.facts = facts;
    }

    /** The runtime's name of an app's container (and, with a suffix, of its handlers'). */
    static String containerId(PodUuid uuid, AcName app) {
        return uuid + "-" + app;
    }

    MonitorScript.Job write(RuntimeApp app, ImageManifest image) throws RocketException, IOException {
        Path appDir = PodLayout.app(pod, app.name());
        String id = containerId(uuid, app.name());
        AppLaunch launch = AppLaunch.of(manifest, app, image, AppRootfs.rootfs(appDir), volumes(app, image),
                cgroup.cgroupsPath(PodCgroupFiles.appPath(uuid, app.name())), flavor, options.insecure());
        launch = launch.with(launch.readOnlyRootFs(), OomScoreAnnotation.read(app.annotations()), launch.app());
        OciTranslation translation = translator.translateWithReport(launch, facts);
        new OciBundle(appDir).write(translation);
        for (String warning : translation.report().ignoredWarnings()) System.err.println("rkt: warning: " + warning);
        List<List<String>> preStart = handler(launch, Event.PRE_START, appDir, id);
        List<List<String>> postStop = handler(launch, Event.POST_STOP, appDir, id);
        Path monitor = PodLayout.monitor(pod, app.name());
        MonitorScript.Output output = options.interactive() ? null
                : new MonitorScript.Output(PodLayout.log(pod, app.name()), monitor.resolve("out"), monitor.resolve("err"));
        Optional<Path> oomEvents = OomEvents.file(cgroup.hierarchies(), app.name());
        List<String> term = runtime.killArgv(id, "TERM");
        List<String> kill = runtime.killArgv(id, "KILL");
        Path exitStatus = PodLayout.exitStatus(pod, app.name());
        if (conmon.isPresent()) {
            // conmon leaves the exited container (and its cgroup, with the out-of-memory count) until it is deleted
            MonitorScript.Supervised start = new MonitorScript.Supervised(conmon.get().createArgv(runtime, appDir, id, monitor),
                    runtime.startArgv(id), monitor, monitor.resolve("sync"), Conmon.exitFile(monitor, id));
            return new MonitorScript.Job(start, preStart, postStop, term, kill, exitStatus, output,
                    oomEvents.map(events -> new MonitorScript.OomCheck(events, PodLayout.oomKilled(pod, app.name()))).orElse(null),
                    runtime.deleteArgv(id));
        }
        Optional<List<String>> keeping = runtime.runKeepingArgv(appDir, id);
        boolean checked = keeping.isPresent() && oomEvents.isPresent();
        return new MonitorScript.Job(new MonitorScript.Foreground(checked ? keeping.get() : runtime.runArgv(appDir, id)),
                preStart, postStop, term, kill, exitStatus, output,
                checked ? new MonitorScript.OomCheck(oomEvents.get(), PodLayout.oomKilled(pod, app.name())) : null,
                checked ? runtime.deleteArgv(id) : List.of());
    }

    private List<List<String>> handler(AppLaunch launch, Event event, Path appDir, String id)
            throws RocketException, IOException {
        Optional<EventHandler> handler = launch.app().eventHandlers().stream().filter(h -> h.name() == event).findFirst();
        if (handler.isEmpty()) return List.of();
        App app = launch.app().withExec(handler.get().exec());
        AppLaunch handlerLaunch = new AppLaunch(launch.name(), app, launch.readOnlyRootFs(), launch.rootfs(),
                launch.volumes(), launch.podIsolators(), launch.cgroupsPath() + "-" + event, launch.flavor(), launch.insecure(),
                launch.oomScoreAdj());
        Path bundle = Files.createDirectories(appDir.resolve(event.toString()));
        new OciBundle(bundle).write(translator.translate(handlerLaunch, facts));
        return List.of(runtime.runArgv(bundle, id + "-" + event));
    }

    /**
     * The app's mounts as binds: the pod's files (hosts, resolv.conf), then host volumes from their source and
     * empty ones from the pod's directory.
     */
    private List<VolumeMount> volumes(RuntimeApp app, ImageManifest image) {
        List<MountPoint> points = app.app().or(image::app).map(App::mountPoints).orElse(List.of());
        List<VolumeMount> mounts = new ArrayList<>(podFiles);
        for (Mount mount : app.mounts()) {
            Volume volume = mount.appVolume().orElseGet(() -> manifest.volumes().stream()
                    .filter(v -> v.name().equals(mount.volume())).findFirst().orElseThrow());
            boolean pointReadOnly = points.stream().anyMatch(p -> p.name().equals(mount.volume()) && p.readOnly());
            boolean readOnly = volume.readOnly().orElse(false) || pointReadOnly;
            Path source = volume.kind() == Volume.Kind.HOST ? Path.of(volume.source().orElseThrow())
                    : PodLayout.emptyVolume(pod, volume.name());
            String target = mount.path().startsWith("/") ? mount.path() : "/" + mount.path();
            mounts.add(new VolumeMount(source, target, readOnly, volume.recursive().orElse(true)));
        }
        return mounts;
    }
}
