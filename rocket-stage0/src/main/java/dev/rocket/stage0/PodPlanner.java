package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.Mount;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.schema.RuntimeImage;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.Label;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.MountPoint;
import dev.rocket.spec.types.UserMap;
import dev.rocket.spec.types.Volume;
import dev.rocket.stage1.isolation.IsolatorOverrides;
import dev.rocket.store.index.ImageRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns the apps and flags of {@code rkt run} into the pod manifest (pods.md): each image resolved to its ID,
 * each app's overrides written as the pod's {@code app}, each mount point of an image filled with a volume, and
 * everything checked before anything is written: unique app names, mounts naming volumes that exist, host
 * volume sources that exist and are no symbolic links, no two mounts of an app at overlapping targets.
 */
final class PodPlanner {

    /** An image of the pod, resolved. */
    @FunctionalInterface
    interface ImageSource {
        ResolvedImage resolve(AppRequest app) throws RocketException;
    }

    record ResolvedImage(ImageRecord record, ImageManifest manifest) {
    }

    /** The planned pod: its manifest and, per app in order, the image it runs. */
    record Plan(PodManifest manifest, List<ResolvedImage> images) {
    }

    private final ImageSource images;

    PodPlanner(ImageSource images) {
        this.images = images;
    }

    Plan plan(RunRequest request) throws RocketException {
        if (request.apps().isEmpty()) throw new RocketException(Kind.INVALID_ARGUMENT, "give the image to run");
        if (request.options().interactive() && request.apps().size() > 1) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--interactive runs one app; " + request.apps().size() + " images were given");
        }
        List<Volume> volumes = new ArrayList<>(request.volumes());
        checkHostSources(volumes);
        List<RuntimeApp> apps = new ArrayList<>();
        List<ResolvedImage> resolved = new ArrayList<>();
        Set<AcName> names = new HashSet<>();
        for (AppRequest request1 : request.apps()) {
            ResolvedImage image = images.resolve(request1);
            AcName name = request1.name().isPresent() ? request1.name().get() : appName(image.record());
            if (!names.add(name)) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "two apps are named " + name
                        + "; give one of them another name with --name");
            }
            apps.add(runtimeApp(name, request1, image, request.environment(), volumes));
            resolved.add(image);
        }
        try {
            return new Plan(new PodManifest(dev.rocket.spec.types.AcVersion.CURRENT, apps, volumes, List.of(),
                    Annotations.NONE, List.of(), UserMap.NONE, UserMap.NONE), resolved);
        } catch (IllegalArgumentException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the pod is not valid: " + e.getMessage(), e);
        }
    }

    private static RuntimeApp runtimeApp(AcName name, AppRequest request, ResolvedImage image,
                                         List<EnvironmentVariable> podEnvironment, List<Volume> volumes) throws RocketException {
        Optional<App> own = image.manifest().app();
        Optional<App> app = overridden(request, own, podEnvironment, image);
        List<MountPoint> mountPoints = app.or(() -> own).map(App::mountPoints).orElse(List.of());
        List<Mount> mounts = mounts(name, request.mounts(), mountPoints, volumes);
        RuntimeImage runtimeImage = new RuntimeImage(Optional.of(image.record().name()), Optional.of(image.record().id()),
                new Labels(image.record().labels().entrySet().stream().map(e -> new Label(e.getKey(), e.getValue())).toList()));
        return new RuntimeApp(name, runtimeImage, app, request.readOnlyRootFs(), mounts,
                OomScoreAnnotation.write(Annotations.NONE, request.oomScoreAdj()));
    }

    /** The image's app with the flags applied, or empty when no flag changes it (the image's then runs as is). */
    private static Optional<App> overridden(AppRequest request, Optional<App> own, List<EnvironmentVariable> podEnvironment,
                                            ResolvedImage image) throws RocketException {
        boolean changes = request.exec().isPresent() || request.arguments().isPresent() || request.user().isPresent()
                || request.group().isPresent() || request.supplementaryGids().isPresent()
                || request.workingDirectory().isPresent() || !request.environment().isEmpty() || !podEnvironment.isEmpty()
                || !request.userAnnotations().isEmpty() || !request.userLabels().isEmpty() || !request.isolators().isEmpty();
        if (!changes) return Optional.empty();
        App base = own.orElseGet(() -> App.of(Exec.NONE, "0", "0"));
        List<String> exec = new ArrayList<>();
        if (request.exec().isPresent()) {
            exec.add(request.exec().get());
            request.arguments().ifPresent(exec::addAll);
        } else if (request.arguments().isPresent()) {
            if (base.exec().isEmpty()) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "image " + image.record().name()
                        + " has no exec to pass the arguments after -- to; name the program with --exec");
            }
            exec.add(base.exec().args().getFirst());
            exec.addAll(request.arguments().get());
        } else {
            exec.addAll(base.exec().args());
        }
        Environment environment = base.environment();
        for (EnvironmentVariable variable : podEnvironment) environment = environment.with(variable.name(), variable.value());
        for (EnvironmentVariable variable : request.environment()) environment = environment.with(variable.name(), variable.value());
        Map<String, String> annotations = new LinkedHashMap<>(base.userAnnotations().entries());
        annotations.putAll(request.userAnnotations());
        Map<String, String> labels = new LinkedHashMap<>(base.userLabels().entries());
        labels.putAll(request.userLabels());
        try {
            return Optional.of(new App(new Exec(exec), base.eventHandlers(), request.user().orElse(base.user()),
                    request.group().orElse(base.group()), request.supplementaryGids().orElse(base.supplementaryGids()),
                    request.workingDirectory().or(base::workingDirectory), environment, base.mountPoints(), base.ports(),
                    new IsolatorOverrides(request.isolators(), OptionalInt.empty(), false).applyTo(base.isolators()),
                    new UserMap(annotations), new UserMap(labels)));
        } catch (IllegalArgumentException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the flags of app " + image.record().name() + " are not valid: " + e.getMessage(), e);
        }
    }

    /**
     * The app's {@code --mount}s, then a mount for each of its image's mount points that no flag fills: the pod
     * volume of the mount point's name, or else an empty volume made for it (pods.md: every mount point is
     * satisfied by a volume).
     */
    private static List<Mount> mounts(AcName app, List<Mount> requested, List<MountPoint> mountPoints, List<Volume> volumes)
            throws RocketException {
        List<Mount> mounts = new ArrayList<>();
        for (Mount mount : requested) {
            if (volumes.stream().noneMatch(v -> v.name().equals(mount.volume()))) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "--mount volume=" + mount.volume() + " of app " + app
                        + ": the pod has no volume of that name; add --volume " + mount.volume() + ",kind=host,source=PATH");
            }
            mounts.add(mount);
        }
        for (MountPoint point : mountPoints) {
            if (mounts.stream().anyMatch(m -> samePath(m.path(), point.path()))) continue;
            if (volumes.stream().noneMatch(v -> v.name().equals(point.name()))) volumes.add(Volume.empty(point.name()));
            mounts.add(Mount.of(point.name(), point.path()));
        }
        for (int i = 0; i < mounts.size(); i++) {
            for (int j = i + 1; j < mounts.size(); j++) {
                if (overlap(mounts.get(i).path(), mounts.get(j).path())) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, "app " + app + " mounts volumes " + mounts.get(i).volume()
                            + " and " + mounts.get(j).volume() + " at overlapping targets " + mounts.get(i).path()
                            + " and " + mounts.get(j).path() + "; mount them at separate paths");
                }
            }
        }
        return mounts;
    }

    private static boolean samePath(String a, String b) {
        return Path.of(a).normalize().equals(Path.of(b).normalize());
    }

    private static boolean overlap(String a, String b) {
        Path first = Path.of("/").resolve(a).normalize();
        Path second = Path.of("/").resolve(b).normalize();
        return first.startsWith(second) || second.startsWith(first);
    }

    /** A host volume's source must exist, and not be a symbolic link, which could point anywhere later. */
    private static void checkHostSources(List<Volume> volumes) throws RocketException {
        for (Volume volume : volumes) {
            if (volume.kind() != Volume.Kind.HOST) continue;
            Path source = Path.of(volume.source().orElseThrow());
            if (Files.isSymbolicLink(source)) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "volume " + volume.name() + ": source " + source
                        + " is a symbolic link; give the real path");
            }
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new RocketException(Kind.NOT_FOUND, "volume " + volume.name() + ": source " + source + " does not exist");
            }
            try {
                if (!source.toRealPath().equals(source.normalize())) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, "volume " + volume.name() + ": source " + source
                            + " passes through a symbolic link; give the real path " + source.toRealPath());
                }
            } catch (IOException e) {
                throw new RocketException(Kind.NOT_FOUND, "volume " + volume.name() + ": source " + source + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** An app's default name: the last component of its image name, made an AC Name. */
    static AcName appName(ImageRecord image) throws RocketException {
        String last = image.name().value().substring(image.name().value().lastIndexOf('/') + 1);
        try {
            return AcName.sanitize(last);
        } catch (SpecException e) {
            throw RocketException.invalid("cannot name an app after image " + image.name(), e);
        }
    }
}
