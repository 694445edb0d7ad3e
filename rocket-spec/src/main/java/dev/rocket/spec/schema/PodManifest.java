package dev.rocket.spec.schema;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.types.AcKind;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.AcVersion;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.ExposedPort;
import dev.rocket.spec.types.Port;
import dev.rocket.spec.types.UniqueNames;
import dev.rocket.spec.types.UserMap;
import dev.rocket.spec.types.Volume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The manifest of a pod (pods.md "Pod Manifest Schema"): its apps, volumes, isolators, annotations and exposed
 * ports. App names, volume names and exposed port names are unique, an app port name is used by one app only,
 * and a mount without its own {@code appVolume} names a volume of the pod.
 */
public record PodManifest(AcVersion acVersion, List<RuntimeApp> apps, List<Volume> volumes, List<Isolator> isolators,
                          Annotations annotations, List<ExposedPort> ports, UserMap userAnnotations, UserMap userLabels)
        implements Manifest {

    public PodManifest {
        apps = List.copyOf(apps);
        volumes = List.copyOf(volumes);
        isolators = List.copyOf(isolators);
        ports = List.copyOf(ports);
        if (acVersion == null || annotations == null || userAnnotations == null || userLabels == null) {
            throw new IllegalArgumentException("use empty values, not null, for absent manifest fields");
        }
        Violation.requireNone(problems(apps, volumes, ports));
    }

    /** A pod of the current specification version running {@code apps}, with nothing else. */
    public static PodManifest of(List<RuntimeApp> apps) {
        return new PodManifest(AcVersion.CURRENT, apps, List.of(), List.of(), Annotations.NONE, List.of(),
                UserMap.NONE, UserMap.NONE);
    }

    /** Parses untrusted JSON strictly, reporting every violation found with its JSON path. */
    public static PodManifest parse(String json) throws SpecException {
        return new ManifestReader().podManifest(ManifestJson.read(json));
    }

    /** Rules across the pod's apps, volumes and ports; paths are from the manifest root. */
    static List<Violation> problems(List<RuntimeApp> apps, List<Volume> volumes, List<ExposedPort> ports) {
        List<Violation> problems = new ArrayList<>();
        problems.addAll(Violation.under("$.apps", UniqueNames.violations(apps, RuntimeApp::name, "app names")));
        problems.addAll(Violation.under("$.volumes", UniqueNames.violations(volumes, Volume::name, "volume names")));
        problems.addAll(Violation.under("$.ports", UniqueNames.violations(ports, ExposedPort::name, "exposed port names")));
        Set<AcName> volumeNames = volumes.stream().map(Volume::name).collect(Collectors.toSet());
        Map<AcName, String> portOwners = new HashMap<>();
        for (int a = 0; a < apps.size(); a++) {
            RuntimeApp app = apps.get(a);
            for (int m = 0; m < app.mounts().size(); m++) {
                Mount mount = app.mounts().get(m);
                if (mount.appVolume().isEmpty() && !volumeNames.contains(mount.volume())) {
                    problems.add(new Violation("$.apps[" + a + "].mounts[" + m + "].volume", mount.volume().value(),
                            "no volume of this name in the pod's volumes; add one or give the mount an appVolume"));
                }
            }
            List<Port> appPorts = app.app().map(App::ports).orElse(List.of());
            for (int p = 0; p < appPorts.size(); p++) {
                AcName port = appPorts.get(p).name();
                String owner = portOwners.putIfAbsent(port, app.name().value());
                if (owner != null && !owner.equals(app.name().value())) {
                    problems.add(new Violation("$.apps[" + a + "].app.ports[" + p + "].name", port.value(),
                            "port names must be unique among the apps of a pod, and app " + owner + " already has this one"));
                }
            }
        }
        return problems;
    }

    /**
     * What keeps this manifest from being run as it is (pods.md: "must be fully resolved before execution"):
     * apps whose image has no ID. Empty for a reified pod manifest.
     */
    public List<Violation> reificationProblems() {
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            if (apps.get(i).image().id().isEmpty()) {
                problems.add(new Violation("$.apps[" + i + "].image.id", null,
                        "a pod must name every image by ID before it runs; resolve the image's name and labels first"));
            }
        }
        return problems;
    }

    @Override
    public AcKind acKind() {
        return AcKind.POD_MANIFEST;
    }

    @Override
    public String toJson(boolean pretty) {
        return ManifestJson.write(ManifestWriter.podManifest(this), pretty);
    }

    public Optional<RuntimeApp> app(AcName name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<Volume> volume(AcName name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
