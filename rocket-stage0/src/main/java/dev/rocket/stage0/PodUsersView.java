package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.MountFlag;
import dev.rocket.os.linux.Mounts;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.oci.VolumeMount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pod with private users, seen where its users can reach it. The OCI runtime mounts the app's root and
 * binds its files from inside the pod's user namespace, as the pod's root, which is an unprivileged user on the
 * host: every directory above them must be searchable by others, and the data directory's parents need not
 * be (a 0700 home, a test's temporary directory). So the pod's directory is bound at
 * {@code /run/rocket/pods/UUID}, below directories of mode 0755, and the apps' bundles name their files there;
 * gc unmounts and removes it.
 */
final class PodUsersView {

    static final Path ROOT = Path.of("/run/rocket/pods");

    private PodUsersView() {
    }

    /** Binds {@code pod} at its view and returns the view. */
    static Path mount(Path pod, PodUuid uuid) throws RocketException {
        Path view = ROOT.resolve(uuid.toString());
        try {
            for (Path dir : List.of(ROOT.getParent(), ROOT, view)) {
                if (!Files.isDirectory(dir)) Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(pod, PosixFilePermissions.fromString("rwx--x--x"));
            Mounts.mount(pod.toString(), view, null, Set.of(MountFlag.MS_BIND), null);
            return view;
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot bind the pod's directory at " + view
                    + " for its user namespace: " + e.getMessage(), e);
        }
    }

    /** {@code mounts} with the sources in {@code pod} named through {@code view}. */
    static List<VolumeMount> through(Path pod, Path view, List<VolumeMount> mounts) {
        List<VolumeMount> seen = new ArrayList<>();
        for (VolumeMount mount : mounts) {
            Path source = mount.source().startsWith(pod) ? view.resolve(pod.relativize(mount.source())) : mount.source();
            seen.add(new VolumeMount(source, mount.target(), mount.readOnly(), mount.recursive()));
        }
        return seen;
    }

    /** Unmounts and removes the pod's view, if it has one; what is left comes back as warnings. */
    static List<String> remove(PodUuid uuid) {
        Path view = ROOT.resolve(uuid.toString());
        if (!Files.exists(view)) return List.of();
        try {
            PodMounts.unmountAll(view);
            Files.deleteIfExists(view);
            return List.of();
        } catch (RocketException | IOException e) {
            return List.of("the pod's view " + view + " is left: " + e.getMessage());
        }
    }
}
