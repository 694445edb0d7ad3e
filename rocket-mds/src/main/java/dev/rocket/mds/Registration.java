package dev.rocket.mds;

import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.PodUuid;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a pod tells the metadata service when it starts: its UUID, its reified pod manifest (the original JSON is
 * what {@code pod/manifest} serves), the image of each app, and optionally the PID whose end ends the
 * registration, the address the pod reaches the host at (the host part of {@code AC_METADATA_URL}) and the pod's
 * own addresses (when given, the pod's token works only from them).
 */
public record Registration(PodUuid uuid, PodManifest manifest, String manifestJson, Map<AcName, AppImage> apps,
                           OptionalLong pid, Optional<String> hostAddress, List<InetAddress> podAddresses) {

    public Registration {
        apps = Map.copyOf(apps);
        podAddresses = List.copyOf(podAddresses);
        if (uuid == null || manifest == null || manifestJson == null || pid == null || hostAddress == null) {
            throw new IllegalArgumentException("use empty values, not null, for absent registration fields");
        }
        if (pid.isPresent() && pid.getAsLong() <= 0) {
            throw new IllegalArgumentException("PID " + pid.getAsLong() + " is not a process");
        }
    }

    /** This registration ending when process {@code pid} (on the host) ends. */
    public Registration withPid(long pid) {
        return new Registration(uuid, manifest, manifestJson, apps, OptionalLong.of(pid), hostAddress, podAddresses);
    }

    /** This registration with {@code host} (an IP address or name the pod resolves) in its {@code AC_METADATA_URL}. */
    public Registration withHostAddress(String host) {
        return new Registration(uuid, manifest, manifestJson, apps, pid, Optional.of(host), podAddresses);
    }

    /** This registration with its token accepted only from {@code addresses}, the pod's own. */
    public Registration withPodAddresses(List<InetAddress> addresses) {
        return new Registration(uuid, manifest, manifestJson, apps, pid, hostAddress, addresses);
    }

    /**
     * A registration checked as a whole: the pod manifest parses and is reified, and every app of the pod has
     * exactly one image, with the ID the pod manifest names.
     */
    public static Registration of(PodUuid uuid, String podManifestJson, List<AppImage> images) throws RocketException {
        PodManifest manifest;
        try {
            manifest = PodManifest.parse(podManifestJson);
        } catch (SpecException e) {
            throw RocketException.invalid("pod manifest of pod " + uuid, e);
        }
        if (!manifest.reificationProblems().isEmpty()) {
            throw RocketException.invalid("pod manifest of pod " + uuid, new SpecException(manifest.reificationProblems()));
        }
        Map<AcName, AppImage> byApp = new LinkedHashMap<>();
        for (AppImage image : images) {
            if (byApp.putIfAbsent(image.app(), image) != null) {
                throw invalid(uuid, "app " + image.app().value() + " has two images; give one per app");
            }
        }
        for (RuntimeApp app : manifest.apps()) {
            AppImage image = byApp.get(app.name());
            if (image == null) throw invalid(uuid, "app " + app.name().value() + " has no image manifest; give one per app");
            ImageId expected = app.image().id().orElseThrow();
            if (!expected.equals(image.id())) {
                throw invalid(uuid, "app " + app.name().value() + " runs image " + expected
                        + " but its image manifest was given for " + image.id());
            }
        }
        for (AcName name : byApp.keySet()) {
            if (manifest.app(name).isEmpty()) throw invalid(uuid, "app " + name.value() + " is not in the pod manifest");
        }
        return new Registration(uuid, manifest, podManifestJson, byApp, OptionalLong.empty(), Optional.empty(), List.of());
    }

    private static RocketException invalid(PodUuid uuid, String message) {
        return new RocketException(RocketException.Kind.INVALID_ARGUMENT, "registration of pod " + uuid + ": " + message);
    }
}
