package dev.rocket.store.tree;

import dev.rocket.base.DirectoryDeletion;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.FileMetadata;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciBuilder;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.render.RenderLayer;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.extract.ArchiveExtractor;
import dev.rocket.store.extract.EntryWriter;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.extract.Privilege;
import dev.rocket.store.index.ImageRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Rendered trees of images: each image with its dependencies applied once into {@code cas/tree/KEY/rootfs}
 * (see {@link StoreLayout#tree}), reused by every later run, verifiable against the checksum recorded at render.
 *
 * <h2>Crash safety and concurrency</h2>
 * A tree is complete only once its marker ({@link StoreLayout#treeMarker}) exists; the marker is written last,
 * after the tree has been flushed to disk, and removed first. Every render, removal and verification of a tree
 * holds its lock ({@link StoreLayout#treeLock}), so of several processes rendering one image one renders and the
 * others wait and then reuse its tree. A render that finds an incomplete tree under the lock knows its renderer
 * died (the kernel released the lock) and starts afresh; {@link #gc()} removes such leftovers too.
 */
public final class TreeStore {

    private static final int TREE_MODE = 0755;

    private final ImageStore images;
    private final StoreLayout layout;
    private final Privilege privilege;
    private final DependencyResolver resolver;

    public TreeStore(ImageStore images, Privilege privilege) {
        this.images = images;
        this.layout = images.layout();
        this.privilege = privilege;
        this.resolver = new DependencyResolver(images);
    }

    /** A tree store over {@code images} that keeps owners and devices when this process runs as root. */
    public static TreeStore open(ImageStore images) {
        return new TreeStore(images, Privilege.ofCurrentProcess());
    }

    /**
     * The rendered tree of {@code image} with its dependencies as they resolve now, rendering it unless a
     * complete tree exists already.
     *
     * @throws RocketException {@code NOT_FOUND} naming a dependency that is not in the store
     */
    public RenderedTree render(ImageId image) throws RocketException {
        DependencyResolver.Resolved resolved = resolver.resolve(image);
        TreeKey key = TreeKey.of(resolved.layerIds());
        try (TreeLock lock = lock(key)) {
            Optional<RenderedTree> done = complete(key);
            if (done.isPresent()) return done.get();
            return renderLocked(key, image, resolved);
        } catch (IOException e) {
            throw failed("cannot render image " + image, e);
        }
    }

    /** The tree named {@code key} if it is completely rendered. */
    public Optional<RenderedTree> find(TreeKey key) throws RocketException {
        try {
            return complete(key);
        } catch (IOException e) {
            throw failed("cannot read tree " + key, e);
        }
    }

    /** Every completely rendered tree. */
    public List<RenderedTree> list() throws RocketException {
        List<RenderedTree> trees = new ArrayList<>();
        for (TreeKey key : keysOnDisk()) find(key).ifPresent(trees::add);
        return trees;
    }

    /** The completely rendered trees of {@code image} (one per resolution of its dependencies). */
    public List<RenderedTree> treesOf(ImageId image) throws RocketException {
        return list().stream().filter(tree -> tree.image().equals(image)).toList();
    }

    /**
     * Recomputes the checksum of a tree and compares it with the one recorded at render.
     *
     * @throws RocketException {@code VERIFICATION_FAILED} if the tree was changed, {@code NOT_FOUND} if there is no
     *                         complete tree of that key
     */
    public RenderedTree verify(TreeKey key) throws RocketException {
        try (TreeLock lock = lock(key)) {
            RenderedTree tree = complete(key).orElseThrow(() -> new RocketException(Kind.NOT_FOUND,
                    "there is no rendered tree " + key + "; see `rkt image list` for the images there are"));
            TreeChecksum now = TreeChecksum.of(tree.dir());
            if (!now.equals(tree.checksum())) {
                throw new RocketException(Kind.VERIFICATION_FAILED, "the rendered tree " + key + " of image "
                        + tree.image() + " was changed after rendering: its checksum was " + tree.checksum()
                        + " and is now " + now + "; remove it with `rkt image rm` or `rkt image gc` to render it again");
            }
            return tree;
        } catch (IOException e) {
            throw failed("cannot verify tree " + key, e);
        }
    }

    /** Removes every tree that {@code image} is a layer of; returns their keys. Waits for trees in use. */
    public List<TreeKey> remove(ImageId image) throws RocketException {
        List<TreeKey> removed = new ArrayList<>();
        try {
            for (TreeKey key : keysOnDisk()) {
                Optional<TreeMarker.Recorded> recorded = TreeMarker.read(layout.treeMarker(key.value()));
                if (recorded.isEmpty() || !recorded.get().layers().contains(image)) continue;
                TreeLock lock = lock(key);
                delete(key, lock);
                removed.add(key);
            }
        } catch (IOException e) {
            throw failed("cannot remove the trees of image " + image, e);
        }
        return removed;
    }

    /**
     * Removes incomplete trees of dead renders and trees one of whose layers is no longer in the store. Trees
     * locked by another process (being rendered or used) are left alone.
     */
    public List<TreeKey> gc() throws RocketException {
        Set<ImageId> stored = new HashSet<>();
        for (ImageRecord record : images.list()) stored.add(record.id());
        List<TreeKey> removed = new ArrayList<>();
        try {
            for (TreeKey key : keysOnDisk()) {
                Optional<TreeLock> lock = TreeLock.tryAcquire(layout.treeLock(key.value()));
                if (lock.isEmpty()) continue;
                Optional<TreeMarker.Recorded> recorded = TreeMarker.read(layout.treeMarker(key.value()));
                if (recorded.isEmpty() || !stored.containsAll(recorded.get().layers())) {
                    delete(key, lock.get());
                    removed.add(key);
                } else {
                    lock.get().close();
                }
            }
        } catch (IOException e) {
            throw failed("cannot collect trees", e);
        }
        return removed;
    }

    /**
     * Bytes the tree uses: the sizes of its files, directories and links, each hard-linked file once. Recorded in
     * its marker at render; a tree rendered by an older Rocket is walked.
     */
    public long size(TreeKey key) throws RocketException {
        try {
            Optional<TreeMarker.Recorded> recorded = TreeMarker.read(layout.treeMarker(key.value()));
            if (recorded.isPresent() && recorded.get().bytes().isPresent()) return recorded.get().bytes().getAsLong();
        } catch (IOException e) {
            // measured below
        }
        return walkedSize(key);
    }

    /** {@link #size} by a walk of the tree. */
    long walkedSize(TreeKey key) throws RocketException {
        Set<Object> inodes = new HashSet<>();
        long[] total = {0};
        try {
            Files.walkFileTree(layout.tree(key.value()), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (inodes.add(attributes.fileKey())) total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw failed("cannot measure tree " + key, e);
        }
        return total[0];
    }

    /**
     * {@code rkt image extract}: extracts the stored archive of one image, without its dependencies, into
     * {@code target}, all or nothing.
     */
    public ImageId extractTo(ImageId image, Path target, ExtractScope scope, boolean overwrite) throws RocketException {
        return new ArchiveExtractor(privilege).extract(images.openBlob(image), target, scope, overwrite);
    }

    /**
     * {@code rkt image render}: renders {@code image} (or reuses its tree) and copies the tree into
     * {@code target}, every attribute kept, all or nothing.
     */
    public RenderedTree renderTo(ImageId image, Path target, ExtractScope scope, boolean overwrite)
            throws RocketException {
        RenderedTree tree = render(image);
        try (TreeLock lock = lock(tree.key())) {
            if (complete(tree.key()).isEmpty()) {
                throw new RocketException(Kind.UNAVAILABLE, "the tree of image " + image + " was removed while it was"
                        + " being copied; try again");
            }
            copy(tree, target, scope, overwrite);
            return tree;
        } catch (IOException e) {
            throw failed("cannot render image " + image + " to " + target, e);
        }
    }

    /**
     * Starts rendering an image while it is being fetched (see {@link PassRender}): a staging directory in the
     * store's temp directory, which the caller's shared store lock (held by its ingest) keeps from sweeps.
     */
    public PassRender beginPassRender() throws RocketException {
        Path staging;
        try {
            Files.createDirectories(layout.tmp());
            staging = Files.createTempDirectory(layout.tmp(), "render-");
            FileMetadata.chmod(staging, TREE_MODE);
            Path rootfs = Files.createDirectory(staging.resolve(AciEntryName.ROOTFS));
            FileMetadata.chmod(rootfs, TREE_MODE);
            return new PassRender(this, staging, new EntryWriter(rootfs, privilege).hashingContent(TreeChecksum.contentDigest()));
        } catch (IOException e) {
            throw failed("cannot create a directory to render into in " + layout.tmp(), e);
        }
    }

    /**
     * Moves a tree rendered by a {@link PassRender} (manifest included, {@code measured} over it) into place as the
     * tree of {@code image} alone (an image without dependencies), under the tree's lock, and marks it complete.
     * Returns false, leaving {@code staging} to the caller, when a complete tree exists already.
     */
    boolean adopt(ImageId image, Path staging, TreeChecksum.Measurement measured) throws RocketException {
        List<ImageId> layers = List.of(image);
        TreeKey key = TreeKey.of(layers);
        try (TreeLock lock = lock(key)) {
            if (complete(key).isPresent()) return false;
            Path dir = layout.tree(key.value());
            DirectoryDeletion.delete(dir);
            // A rename keeps every attribute inside the tree: the checksum computed in staging holds here.
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            TreeMarker.write(layout.treeMarker(key.value()), dir, measured, image, layers);
            return true;
        } catch (IOException e) {
            throw failed("cannot render image " + image, e);
        }
    }

    private RenderedTree renderLocked(TreeKey key, ImageId image, DependencyResolver.Resolved resolved)
            throws IOException, RocketException {
        Path dir = layout.tree(key.value());
        DirectoryDeletion.delete(dir);
        Path rootfs = Files.createDirectories(dir.resolve(AciEntryName.ROOTFS));
        FileMetadata.chmod(dir, TREE_MODE);
        FileMetadata.chmod(rootfs, TREE_MODE);
        Files.write(dir.resolve(AciEntryName.MANIFEST), resolved.manifest());
        EntryWriter writer = new EntryWriter(rootfs, privilege).hashingContent(TreeChecksum.contentDigest());
        for (RenderLayer<ImageId> layer : resolved.layers()) {
            // The blob was hashed when stored (and `rkt image verify` re-checks it): not hashed again here.
            try (InputStream blob = images.openBlob(layer.image()); AciReader reader = AciReader.openKnown(blob)) {
                writer.apply(reader, entry -> placeInRootfs(layer, entry));
            } catch (SpecException e) {
                throw RocketException.invalid("stored image " + layer.image() + " is not a valid image", e);
            }
        }
        writer.finish();
        TreeChecksum.Measurement measured = TreeChecksum.measure(dir, TreeChecksum.writtenBy(writer));
        List<ImageId> layers = resolved.layerIds();
        TreeMarker.write(layout.treeMarker(key.value()), dir, measured, image, layers);
        return new RenderedTree(key, image, layers, dir, measured.checksum());
    }

    static <T> Optional<String> placeInRootfs(RenderLayer<T> layer, AciEntry entry) {
        if (!entry.isInRootfs()) return Optional.empty();
        String path = entry.pathInRootfs();
        if (!layer.admits(path, entry.type() == AciEntry.Type.DIRECTORY)) return Optional.empty();
        return Optional.of(path.equals("/") ? "" : path.substring(1));
    }

    /** Streams the tree as an archive into the extractor, so the copy gets the same safety and all-or-nothing. */
    private void copy(RenderedTree tree, Path target, ExtractScope scope, boolean overwrite)
            throws IOException, RocketException {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicReference<Exception> buildFailure = new AtomicReference<>();
        Thread builder = Thread.ofVirtual().start(() -> {
            try (out) {
                new AciBuilder(TreeChecksum.everyNamespace()).build(tree.dir(), out, AciCompression.NONE);
            } catch (IOException | SpecException | RuntimeException e) {
                buildFailure.set(e);
            }
        });
        try {
            new ArchiveExtractor(privilege).extract(in, target, scope, overwrite);
        } catch (RocketException e) {
            if (buildFailure.get() != null) e.addSuppressed(buildFailure.get());
            throw e;
        } finally {
            in.close();
            joinQuietly(builder);
        }
        if (buildFailure.get() != null) {
            throw new RocketException(Kind.INTERNAL, "cannot read the tree " + tree.key() + ": "
                    + buildFailure.get().getMessage(), buildFailure.get());
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<RenderedTree> complete(TreeKey key) throws IOException {
        return TreeMarker.read(layout.treeMarker(key.value())).map(recorded -> new RenderedTree(key, recorded.image(),
                recorded.layers(), layout.tree(key.value()), recorded.checksum()));
    }

    /** Marker first, so that the tree is incomplete before any of it goes; then the tree; then the lock file. */
    private void delete(TreeKey key, TreeLock lock) throws IOException {
        try {
            Files.deleteIfExists(layout.treeMarker(key.value()));
            DirectoryDeletion.delete(layout.tree(key.value()));
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        lock.deleteAndRelease();
    }

    private TreeLock lock(TreeKey key) throws IOException {
        Files.createDirectories(layout.trees());
        return TreeLock.acquire(layout.treeLock(key.value()));
    }

    /** Keys of trees on disk, complete or not, found from their directories, markers or lock files. */
    private Set<TreeKey> keysOnDisk() throws RocketException {
        Set<TreeKey> keys = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        if (!Files.isDirectory(layout.trees())) return keys;
        try (Stream<Path> entries = Files.list(layout.trees())) {
            entries.map(path -> path.getFileName().toString())
                    .map(name -> name.endsWith(".rendered") || name.endsWith(".lock")
                            ? name.substring(0, name.lastIndexOf('.')) : name)
                    .filter(TreeKey::isKey)
                    .forEach(name -> keys.add(new TreeKey(name)));
        } catch (IOException e) {
            throw failed("cannot list the trees in " + layout.trees(), e);
        }
        return keys;
    }

    private static RocketException failed(String what, IOException e) {
        Kind kind = e instanceof dev.rocket.os.linux.LinuxException linux ? linux.kind() : Kind.INTERNAL;
        return new RocketException(kind, what + ": " + e.getMessage(), e);
    }
}
