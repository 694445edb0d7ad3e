package dev.rocket.store.tree;

import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.types.ImageId;

import java.nio.file.Path;
import java.util.List;

/**
 * A completely rendered tree of the tree store.
 *
 * @param key      its name
 * @param image    the image rendered
 * @param layers   the IDs of every layer applied, lowest first (dependencies, then the image)
 * @param dir      the tree: an image layout of {@link #manifest()} and {@link #rootfs()}
 * @param checksum the checksum recorded when it was rendered
 */
public record RenderedTree(TreeKey key, ImageId image, List<ImageId> layers, Path dir, TreeChecksum checksum) {

    public RenderedTree {
        layers = List.copyOf(layers);
    }

    /** The rendered root filesystem. */
    public Path rootfs() {
        return dir.resolve(AciEntryName.ROOTFS);
    }

    /** The manifest of {@link #image()}, as stored in its archive. */
    public Path manifest() {
        return dir.resolve(AciEntryName.MANIFEST);
    }
}
