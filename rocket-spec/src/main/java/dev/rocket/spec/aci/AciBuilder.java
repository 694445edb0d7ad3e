package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.ImageId;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds an image archive from an {@link ImageLayout} directory: {@code manifest} first, then {@code rootfs}
 * in sorted depth-first order, so the same directory always gives the same image ID. Keeps modes
 * (setuid, setgid, sticky), numeric owners and their names, modification times, symlinks, hard links,
 * device nodes, FIFOs and extended attributes. The image ID is computed while writing.
 */
public final class AciBuilder {

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

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
        MessageDigest digest = sha512();
        OutputStream compressed = compression.compress(new NonClosing(out));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(compressed, digest))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            Map<String, String> firstNameOfInode = new HashMap<>();
            add(tar, layout.resolve(AciEntryName.MANIFEST), AciEntryName.MANIFEST, firstNameOfInode);
            walk(tar, layout.resolve(AciEntryName.ROOTFS), AciEntryName.ROOTFS, firstNameOfInode);
            tar.finish();
        }
        return ImageId.ofDigest(digest.digest());
    }

    private void walk(TarArchiveOutputStream tar, Path dir, String name, Map<String, String> inodes)
            throws IOException, SpecException {
        add(tar, dir, name, inodes);
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        for (Path child : children) {
            String childName = name + "/" + child.getFileName();
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) walk(tar, child, childName, inodes);
            else add(tar, child, childName, inodes);
        }
    }

    private void add(TarArchiveOutputStream tar, Path file, String name, Map<String, String> inodes)
            throws IOException, SpecException {
        Map<String, Object> unix = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int fileType = mode & S_IFMT;
        TarArchiveEntry entry;
        switch (fileType) {
            case S_IFDIR -> entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            case S_IFLNK -> {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(file).toString());
            }
            case S_IFREG -> {
                String inode = unix.get("dev") + ":" + unix.get("ino");
                String first = ((Integer) unix.get("nlink")) > 1 ? inodes.putIfAbsent(inode, name) : null;
                if (first != null) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    entry.setLinkName(first);
                } else {
                    entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                    entry.setSize((Long) unix.get("size"));
                }
            }
            case S_IFCHR, S_IFBLK -> {
                entry = new TarArchiveEntry(name, fileType == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long rdev = (Long) unix.get("rdev");
                entry.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
                entry.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
            }
            case S_IFIFO -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            case S_IFSOCK -> throw new SpecException(name, null, "a socket cannot be put into an image; remove it");
            default -> throw new SpecException(name, null, "unsupported file type " + Integer.toOctalString(fileType));
        }
        entry.setMode(mode & 07777);
        entry.setUserId(((Integer) unix.get("uid")).longValue());
        entry.setGroupId(((Integer) unix.get("gid")).longValue());
        entry.setUserName(principalName((UserPrincipal) unix.get("owner"), (Integer) unix.get("uid")));
        entry.setGroupName(principalName((GroupPrincipal) unix.get("group"), (Integer) unix.get("gid")));
        entry.setLastModifiedTime((FileTime) unix.get("lastModifiedTime"));
        PaxXattrs.toPax(xattrs.read(file)).forEach(entry::addPaxHeader);
        tar.putArchiveEntry(entry);
        if (entry.getLinkFlag() == TarConstants.LF_NORMAL) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                long copied = in.transferTo(tar);
                if (copied != entry.getSize()) {
                    throw new IOException(file + " changed size while it was being archived");
                }
            }
        }
        tar.closeArchiveEntry();
    }

    /** The principal's name, or empty when the system knows only the number. */
    private static String principalName(java.security.Principal principal, int id) {
        String name = principal == null ? "" : principal.getName();
        return name.equals(Integer.toString(id)) ? "" : name;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
    }

    /** Lets the compressor finish its trailer without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
