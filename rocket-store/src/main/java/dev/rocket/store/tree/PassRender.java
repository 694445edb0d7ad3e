package dev.rocket.store.tree;

import dev.rocket.base.Threads;
import dev.rocket.base.DirectoryDeletion;
import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.render.RenderLayer;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.extract.EntryWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders an image while the fetch reads it, so that {@code rkt fetch --render} reads and hashes the image once:
 * each entry the fetch's pass reads is also written into a staging directory in the store's {@code cas/tmp}, and
 * {@link #adopt} moves that directory into the tree store once the image is verified and committed. Until then
 * nothing of it is visible: a failed fetch closes this and the staging directory is deleted; a killed one leaves
 * it to the next sweep of temp files, which cannot run while the fetch holds its shared store lock.
 *
 * <p>Only an image that needs nothing else is rendered this way: its manifest must come before its rootfs
 * entries and list no dependencies (a tree with dependencies needs them resolved and applied first). Anything
 * else, and any failure to write an entry, abandons the staged render without failing the fetch; the caller
 * then renders the stored image as usual ({@link TreeStore#render}), which reports such failures itself.
 */
public final class PassRender implements AutoCloseable {

    private final TreeStore trees;
    private Path staging;
    private final EntryWriter writer;
    private RenderLayer<String> layer;
    private byte[] manifest;
    /** Computes the staged tree's checksum once the pass is over; null before {@link #finishPass}. */
    private Thread checksumming;
    private volatile TreeChecksum.Measurement measured;

    PassRender(TreeStore trees, Path staging, EntryWriter writer) {
        this.trees = trees;
        this.staging = staging;
        this.writer = writer;
        writer.startArchive();
    }

    /** Whether the render is still going; false once abandoned (the caller renders after the fetch). */
    public boolean active() {
        return staging != null;
    }

    /** Writes the entry {@code reader} has just returned, reading its content; never fails the fetch. */
    public void accept(AciEntry entry, AciReader reader) {
        if (staging == null) return;
        try {
            if (entry.name().equals(AciEntryName.MANIFEST)) {
                manifest = reader.manifest();
                ImageManifest parsed = AciReader.parseManifest(manifest);
                if (!parsed.dependencies().isEmpty()) {
                    abandon();
                    return;
                }
                layer = new RenderLayer<>("image", List.of(parsed.pathWhitelist()));
                return;
            }
            if (!entry.isInRootfs()) return;
            if (layer == null) {
                abandon();
                return;
            }
            writer.accept(entry, reader.content(), e -> TreeStore.placeInRootfs(layer, e));
        } catch (RocketException | SpecException e) {
            abandon();
        }
    }

    /**
     * Called once the pass has read the whole image: completes the staged tree (directory metadata, manifest) and
     * starts computing its checksum on a thread of its own, so that it runs while the caller verifies the
     * signature and commits the blob (an fsync and the index's commit) instead of after them. Never fails the
     * fetch; a tree that cannot be completed is abandoned.
     */
    public void finishPass() {
        if (staging == null || checksumming != null) return;
        if (manifest == null) {
            abandon();
            return;
        }
        try {
            writer.finish();
            Files.write(staging.resolve(AciEntryName.MANIFEST), manifest);
        } catch (RocketException | IOException e) {
            abandon();
            return;
        }
        Path tree = staging;
        checksumming = Thread.ofPlatform().daemon().name("tree-checksum").start(() -> {
            try {
                measured = TreeChecksum.measure(tree, TreeChecksum.writtenBy(writer));
            } catch (IOException | RuntimeException e) {
                // no checksum: the tree is not adopted, and the caller renders as usual (and reports)
            }
        });
    }

    /**
     * Makes the staged tree the rendered tree of {@code id}, which the caller has verified and committed to the
     * store, unless a complete tree of it exists already. Returns whether the tree store now has its tree; when
     * not, the caller renders as usual.
     */
    public boolean adopt(ImageId id) {
        finishPass();
        if (staging == null || !awaitChecksum() || measured == null) return false;
        dev.rocket.base.Trace.mark("fetch: tree checksum ready");
        try {
            boolean adopted = trees.adopt(id, staging, measured);
            if (adopted) staging = null;
            return true;
        } catch (RocketException e) {
            return false;
        }
    }

    /** Waits for the checksum thread, if any; false if interrupted meanwhile. */
    private boolean awaitChecksum() {
        if (checksumming == null) return true;
        try {
            checksumming.join();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void abandon() {
        Path dir = staging;
        staging = null;
        // the checksum thread reads the tree: it finishes before the tree is deleted
        if (checksumming != null) Threads.joinUninterruptibly(checksumming);
        delete(dir);
    }

    private static void delete(Path dir) {
        try {
            DirectoryDeletion.delete(dir);
        } catch (IOException e) {
            // left in cas/tmp, where the next sweep of temp files deletes it
        }
    }

    /** Deletes the staging directory unless it was adopted. */
    @Override
    public void close() {
        if (staging != null) abandon();
    }
}
