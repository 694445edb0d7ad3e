package dev.rocket.store.extract;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.DeviceNumber;
import dev.rocket.os.linux.FileMetadata;
import dev.rocket.os.linux.FileNodes;
import dev.rocket.os.linux.NodeType;
import dev.rocket.os.linux.Xattrs;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.render.OverlayRule;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Writes the {@code rootfs} of an image archive into a directory so that no entry can create or change
 * anything outside it. Every path is walked from the root one component at a time without following
 * symlinks: a symlink or file where a directory is needed is replaced by a directory (ace.md: links are
 * replaced, never followed), so neither an absolute nor a {@code ..} symlink target is ever traversed. Hard
 * links may only name files already extracted inside the root. As root, owners, modes (setuid included:
 * set after the owner), device nodes, FIFOs, extended attributes and times are kept.
 *
 * <p>Callers extract into a fresh directory of their own and rename it into place only on success, so a
 * refused archive leaves nothing behind.
 */
public final class SafeExtractor {

    private final boolean asRoot;

    /** @param asRoot keep owners and create device nodes (needs root); otherwise files belong to the caller */
    public SafeExtractor(boolean asRoot) {
        this.asRoot = asRoot;
    }

    /** True when this process runs as root and may keep owners and make device nodes. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Applies every entry of {@code reader} below {@code rootfs} to {@code root} (an existing directory),
     * keeping those {@code admits} accepts (path inside the image, whether it is a directory).
     */
    public void extract(AciReader reader, Path root, BiPredicate<String, Boolean> admits) throws RocketException {
        List<DirectoryTimes> directories = new ArrayList<>();
        Set<String> symlinksOfThisArchive = new HashSet<>();
        try {
            for (AciEntry entry; (entry = reader.next()) != null; ) {
                if (!entry.isInRootfs()) continue;
                String path = entry.pathInRootfs();
                boolean isDirectory = entry.type() == AciEntry.Type.DIRECTORY;
                if (!admits.test(path, isDirectory)) continue;
                refuseEntryBelowOwnSymlink(path, symlinksOfThisArchive);
                if (entry.type() == AciEntry.Type.SYMLINK) symlinksOfThisArchive.add(path);
                Path target = path.equals("/") ? root : place(root, path);
                write(entry, reader, root, target);
                if (isDirectory) directories.add(new DirectoryTimes(target, entry));
            }
            for (int i = directories.size() - 1; i >= 0; i--) {
                DirectoryTimes dir = directories.get(i);
                FileMetadata.setTimes(dir.path(), dir.entry().modified(), dir.entry().modified(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (SpecException e) {
            throw RocketException.invalid("the image archive is not valid", e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "extracting into " + root + " failed: " + e.getMessage(), e);
        }
    }

    private record DirectoryTimes(Path path, AciEntry entry) {
    }

    /**
     * Within one archive an entry below a symlink of the same archive can only mean to write through the
     * link: refused. (A symlink left by a lower layer is replaced instead, as ace.md says.)
     */
    private static void refuseEntryBelowOwnSymlink(String path, Set<String> symlinks) throws RocketException {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (symlinks.contains(parent)) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "the image archive is not valid: " + path
                        + " lies below the symlink " + parent + " of the same archive; writing through links is refused");
            }
        }
    }

    /** The path of {@code path} under {@code root}, every parent a real directory (made so if needed). */
    private static Path place(Path root, String path) throws IOException {
        String[] parts = path.substring(1).split("/");
        Path current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.resolve(parts[i]);
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) continue;
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) remove(current);
            Files.createDirectory(current);
        }
        Path target = current.resolve(parts[parts.length - 1]);
        if (!target.normalize().startsWith(root)) throw new IOException("entry " + path + " leaves the root");
        return target;
    }

    private void write(AciEntry entry, AciReader reader, Path root, Path target) throws IOException, RocketException {
        boolean isDirectory = entry.type() == AciEntry.Type.DIRECTORY;
        switch (OverlayRule.decide(existing(target), isDirectory)) {
            case CREATE -> create(entry, reader, root, target);
            case MERGE_DIRECTORY -> { }
            case REPLACE -> {
                remove(target);
                create(entry, reader, root, target);
            }
        }
        if (asRoot && entry.type() != AciEntry.Type.HARDLINK) {
            FileMetadata.lchown(target, (int) entry.uid(), (int) entry.gid());
        }
        if (entry.type() != AciEntry.Type.SYMLINK && entry.type() != AciEntry.Type.HARDLINK) {
            FileMetadata.chmod(target, entry.mode());
        }
        if (asRoot) {
            for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
                Xattrs.set(target, xattr.getKey(), xattr.getValue());
            }
        }
        if (!isDirectory && entry.type() != AciEntry.Type.HARDLINK) {
            FileMetadata.setTimes(target, entry.modified(), entry.modified(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void create(AciEntry entry, AciReader reader, Path root, Path target) throws IOException, RocketException {
        switch (entry.type()) {
            case DIRECTORY -> Files.createDirectory(target);
            case FILE -> {
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    reader.content().transferTo(out);
                }
            }
            case SYMLINK -> Files.createSymbolicLink(target, Path.of(entry.linkTarget().orElseThrow()));
            case HARDLINK -> {
                String source = dev.rocket.spec.aci.AciEntryName.pathInRootfs(entry.linkTarget().orElseThrow());
                Path existing = resolveExisting(root, source);
                if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, "hard link " + entry.pathInRootfs() + " must point at a regular file"
                            + " extracted before it, not " + source);
                }
                Files.createLink(target, existing);
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                requireRoot(entry);
                FileNodes.mknod(target, entry.type() == AciEntry.Type.CHAR_DEVICE ? NodeType.CHARACTER_DEVICE : NodeType.BLOCK_DEVICE,
                        entry.mode(), DeviceNumber.of(entry.devMajor(), entry.devMinor()));
            }
            case FIFO -> FileNodes.mkfifo(target, entry.mode());
        }
    }

    private void requireRoot(AciEntry entry) throws RocketException {
        if (!asRoot) {
            throw new RocketException(Kind.PERMISSION_DENIED, "device node " + entry.pathInRootfs() + " can only be created as root");
        }
    }

    /** An already extracted file, reached without following any symlink on the way. */
    private static Path resolveExisting(Path root, String path) throws RocketException {
        Path current = root;
        String[] parts = path.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            current = current.resolve(parts[i]);
            if (i < parts.length - 1 && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "hard link target " + path + " is not inside the image's directories");
            }
        }
        return current;
    }

    private static OverlayRule.Existing existing(Path target) {
        if (Files.isSymbolicLink(target)) return OverlayRule.Existing.SYMLINK;
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) return OverlayRule.Existing.DIRECTORY;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return OverlayRule.Existing.OTHER;
        return OverlayRule.Existing.NOTHING;
    }

    /** Deletes a file, symlink or directory tree, never following symlinks. */
    static void remove(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) throw failure;
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException e) {
                    throw new IOException("cannot remove " + dir + ": not empty", e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
