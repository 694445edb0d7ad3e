package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.MountTable;
import dev.rocket.os.linux.Mounts;
import dev.rocket.os.linux.UnmountFlag;
import dev.rocket.pod.PodInfo;
import dev.rocket.pod.PodLayout;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciBuilder;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.aci.XattrReader;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageStore;
import dev.rocket.store.tree.TreeStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * {@code rkt export}: an app of an exited pod as an image, its root with every change the app made, under its
 * image's manifest. An overlay root that is no longer mounted (after a reboot) is mounted for the export only.
 */
public final class PodExport {

    private final ImageStore store;
    private final XattrReader xattrs;

    public PodExport(ImageStore store, XattrReader xattrs) {
        this.store = store;
        this.xattrs = xattrs;
    }

    public ImageId export(PodInfo pod, AcName app, OutputStream out) throws RocketException {
        if (!pod.state().hasExited()) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + pod.uuid() + " is " + pod.state()
                    + "; export an exited pod (stop it first)");
        }
        Path appDir = PodLayout.app(pod.dir(), app);
        Path rootfs = AppRootfs.rootfs(appDir);
        Path manifest = null;
        boolean mountedHere = false;
        try {
            ImageId image = imageOf(pod, app);
            manifest = Files.createTempFile(pod.dir(), ".export-manifest", "");
            try (InputStream blob = store.openBlob(image)) {
                Files.writeString(manifest, AciReader.parseManifest(AciReader.storedManifestBytesOf(blob)).toJson(true));
            }
            boolean overlay = Files.isDirectory(appDir.resolve("upper"));
            if (overlay && MountTable.read().at(rootfs).isEmpty()) {
                new AppRootfs(TreeStore.open(store)).mount(image, appDir, true);
                mountedHere = true;
            }
            return new AciBuilder(xattrs).build(manifest, rootfs, out, AciCompression.GZIP);
        } catch (IOException | SpecException e) {
            throw new RocketException(Kind.INTERNAL, "cannot export app " + app + " of pod " + pod.uuid() + ": " + e.getMessage(), e);
        } finally {
            if (mountedHere) unmount(rootfs);
            if (manifest != null) manifest.toFile().delete();
        }
    }

    private static ImageId imageOf(PodInfo pod, AcName app) throws IOException, SpecException, RocketException {
        PodManifest manifest = PodManifest.parse(Files.readString(PodLayout.manifest(pod.dir())));
        RuntimeApp runtimeApp = manifest.apps().stream().filter(a -> a.name().equals(app)).findFirst()
                .orElseThrow(() -> new RocketException(Kind.NOT_FOUND, "pod " + pod.uuid() + " has no app " + app));
        return runtimeApp.image().id().orElseThrow(() -> new RocketException(Kind.NOT_FOUND,
                "app " + app + " of pod " + pod.uuid() + " names no image ID"));
    }

    private static void unmount(Path rootfs) {
        try {
            Mounts.unmount(rootfs, EnumSet.of(UnmountFlag.MNT_DETACH));
        } catch (LinuxException ignored) {
            // gc unmounts whatever is left below the pod
        }
    }
}
