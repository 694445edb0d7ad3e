package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.Mounts;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.tree.RenderedTree;
import dev.rocket.store.tree.TreeStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * An app's root filesystem in its pod: an overlay mount whose lower layer is the image's tree in the tree store
 * (rendered once, shared read-only by every pod) and whose upper layer is the pod's own, so that starting a pod
 * costs the same for any image size; or, with {@code --no-overlay} or without overlayfs, a copy of the tree.
 *
 * <pre>
 * apps/APP/rootfs   the mount point (or the copy)
 * apps/APP/upper    the app's changes
 * apps/APP/work     overlayfs's work directory
 * </pre>
 */
final class AppRootfs {

    private final TreeStore trees;

    AppRootfs(TreeStore trees) {
        this.trees = trees;
    }

    /** At prepare: renders the image's tree, and copies it when the pod runs without overlay. */
    void prepare(ImageId image, Path appDir, boolean overlay) throws RocketException {
        if (!overlay) {
            trees.renderTo(image, rootfs(appDir), ExtractScope.ROOTFS_ONLY, false);
            return;
        }
        trees.render(image);
        try {
            for (String dir : new String[]{"rootfs", "upper", "work"}) Files.createDirectories(appDir.resolve(dir));
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot create the directories of " + appDir + ": " + e.getMessage(), e);
        }
    }

    /** At start: mounts the overlay (the tree is rendered again if it was removed since the pod was prepared). */
    void mount(ImageId image, Path appDir, boolean overlay) throws RocketException {
        if (!overlay) return;
        RenderedTree tree = trees.render(image);
        String options = "lowerdir=" + layer(tree.rootfs()) + ",upperdir=" + layer(appDir.resolve("upper"))
                + ",workdir=" + layer(appDir.resolve("work"));
        try {
            Mounts.mount("overlay", rootfs(appDir), "overlay", Set.of(), options);
        } catch (LinuxException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot mount the overlay root of " + appDir.getFileName() + ": "
                    + e.getMessage() + " (run with --no-overlay on hosts without overlayfs)", e);
        }
    }

    static Path rootfs(Path appDir) {
        return appDir.resolve("rootfs");
    }

    /** Whether this host can mount overlayfs (it is listed in /proc/filesystems, or loads on demand). */
    static boolean overlayAvailable() {
        try {
            return Files.readString(Path.of("/proc/filesystems")).lines().anyMatch(l -> l.endsWith("\toverlay"))
                    || Files.exists(Path.of("/sys/module/overlay"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String layer(Path dir) throws RocketException {
        String text = dir.toAbsolutePath().toString();
        if (text.contains(",") || text.contains(":")) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "overlayfs cannot take the path " + text
                    + " (it has a comma or colon); use another --dir or --no-overlay");
        }
        return text;
    }
}
