package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.ImageId;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds an image archive from an {@link ImageLayout} directory: {@code manifest} first, then {@code rootfs}
 * in sorted depth-first order, so the same directory always gives the same image ID. Keeps modes
 * (setuid, setgid, sticky), numeric owners and their names, modification times, symlinks, hard links,
 * device nodes, FIFOs and extended attributes. The image ID is computed while writing.
 */
public final class AciBuilder {

    private final XattrReader xattrs;

    public AciBuilder(XattrReader xattrs) {
        this.xattrs = xattrs;
    }

    /**
     * Writes the archive of {@code layout} to {@code out} (which is not closed) and returns its image ID.
     *
     * @throws SpecException when the layout is not a valid image layout, or holds a socket
     */
    public ImageId build(Path layout, OutputStream out, AciCompression compression) throws IOException, SpecException {
        ImageLayout.read(layout);
        return build(layout.resolve(AciEntryName.MANIFEST), layout.resolve(AciEntryName.ROOTFS), out, compression);
    }

    /**
     * Writes the archive of a manifest file and a root filesystem that are not side by side (an app's root in
     * a pod) to {@code out}, which is not closed; the manifest is the caller's to have checked.
     */
    public ImageId build(Path manifest, Path rootfs, OutputStream out, AciCompression compression) throws IOException, SpecException {
        try (AciWriter writer = new AciWriter(out, compression)) {
            Map<String, String> firstNameOfInode = new HashMap<>();
            add(writer, manifest, AciEntryName.MANIFEST, firstNameOfInode);
            walk(writer, rootfs, AciEntryName.ROOTFS, firstNameOfInode);
            return writer.finish();
        }
    }

    private void walk(AciWriter writer, Path dir, String name, Map<String, String> inodes)
            throws IOException, SpecException {
        add(writer, dir, name, inodes);
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        for (Path child : children) {
            String childName = name + "/" + child.getFileName();
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) walk(writer, child, childName, inodes);
            else add(writer, child, childName, inodes);
        }
    }

    private void add(AciWriter writer, Path file, String name, Map<String, String> inodes)
            throws IOException, SpecException {
        Map<String, Object> unix = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        FileModeType fileType = FileModeType.of(mode).orElseThrow(() ->
                new SpecException(name, null, "unsupported file type " + FileModeType.bitsOf(mode)));
        AciEntry.Type type = null;
        Optional<String> linkTarget = Optional.empty();
        long size = 0;
        int major = 0;
        int minor = 0;
        switch (fileType) {
            case DIRECTORY -> type = AciEntry.Type.DIRECTORY;
            case SYMLINK -> {
                type = AciEntry.Type.SYMLINK;
                linkTarget = Optional.of(Files.readSymbolicLink(file).toString());
            }
            case FILE -> {
                String inode = unix.get("dev") + ":" + unix.get("ino");
                String first = ((Integer) unix.get("nlink")) > 1 ? inodes.putIfAbsent(inode, name) : null;
                if (first != null) {
                    type = AciEntry.Type.HARDLINK;
                    linkTarget = Optional.of(first);
                } else {
                    type = AciEntry.Type.FILE;
                    size = (Long) unix.get("size");
                }
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                type = fileType == FileModeType.CHAR_DEVICE ? AciEntry.Type.CHAR_DEVICE : AciEntry.Type.BLOCK_DEVICE;
                long rdev = (Long) unix.get("rdev");
                major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
                minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
            }
            case FIFO -> type = AciEntry.Type.FIFO;
            case SOCKET -> throw new SpecException(name, null, "a socket cannot be put into an image; remove it");
        }
        int uid = (Integer) unix.get("uid");
        int gid = (Integer) unix.get("gid");
        AciEntry entry = new AciEntry(name, type, mode & 07777, uid, gid,
                principalName((UserPrincipal) unix.get("owner"), uid), principalName((GroupPrincipal) unix.get("group"), gid),
                ((FileTime) unix.get("lastModifiedTime")).toInstant(), size, linkTarget, major, minor, xattrs.read(file));
        if (type == AciEntry.Type.FILE) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                writer.add(entry, in);
            }
        } else {
            writer.add(entry, InputStream.nullInputStream());
        }
    }

    /** The principal's name, or empty when the system knows only the number. */
    private static Optional<String> principalName(java.security.Principal principal, int id) {
        String name = principal == null ? "" : principal.getName();
        return name.isEmpty() || name.equals(Integer.toString(id)) ? Optional.empty() : Optional.of(name);
    }
}
