package dev.rocket.store.tree;

import dev.rocket.os.crypto.OpenSslProvider;
import dev.rocket.os.linux.Xattrs;
import dev.rocket.store.extract.EntryWriter;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.FileModeType;
import dev.rocket.spec.aci.XattrReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The checksum of a rendered tree, recorded at render and recomputed by {@code rkt image verify}: the SHA-512 of a
 * canonical description of the tree. The description walks {@code manifest}, then {@code rootfs} depth first in
 * sorted order, and records for every path its type, permission bits, numeric owner and group, modification time
 * (nanoseconds), symlink target, device numbers, extended attributes and, for a regular file, its size and the
 * SHA-256 of its content (a second name of a hard-linked file records the first name instead).
 *
 * <p>Content is described by its digest rather than included so that a render can supply the digests of the
 * files it has just written ({@link ContentDigests}, from {@code EntryWriter}) and the checksum then costs a walk
 * of metadata, not a second read of every byte; {@code verify} reads and hashes the files themselves.
 *
 * @param value {@code sha512-} and 128 hex digits
 */
public record TreeChecksum(String value) {

    /** SHA-256 of each regular file's content, by path relative to the tree, as written by a render. */
    @FunctionalInterface
    public interface ContentDigests {
        /** Nothing known: every file is read. */
        ContentDigests NONE = path -> Optional.empty();

        Optional<byte[]> of(String relativePath);
    }

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev";

    public TreeChecksum {
        if (value == null || !value.matches("sha512-[0-9a-f]{128}")) {
            throw new IllegalArgumentException("not a tree checksum: " + value);
        }
    }

    /** Computes the checksum of the image layout {@code tree} ({@code manifest} and {@code rootfs}), reading every file. */
    public static TreeChecksum of(Path tree) throws IOException {
        return of(tree, ContentDigests.NONE);
    }

    /**
     * Computes the checksum of {@code tree}, taking the content digest of a regular file from {@code known} when it
     * has one for the file's path, and reading the file otherwise.
     */
    public static TreeChecksum of(Path tree, ContentDigests known) throws IOException {
        return measure(tree, known).checksum();
    }

    /**
     * A tree's checksum and the bytes it takes: the sizes of the tree's directory and of everything in it (every
     * inode once), as {@code rkt image list} shows; the checksum's walk reads them anyway.
     */
    public record Measurement(TreeChecksum checksum, long bytes) {
    }

    /** As {@link #of(Path, ContentDigests)}, also counting the tree's bytes. */
    public static Measurement measure(Path tree, ContentDigests known) throws IOException {
        OpenSslProvider.install(); // files are hashed: OpenSSL's digests rather than C1's Java ones
        Description description = new Description(tree, known);
        description.add(AciEntryName.MANIFEST);
        description.walk(AciEntryName.ROOTFS);
        TreeChecksum checksum = new TreeChecksum("sha512-" + HexFormat.of().formatHex(description.treeDigest.digest()));
        return new Measurement(checksum, Files.size(tree) + description.bytes);
    }

    /** The digests {@code writer} took of the files it wrote into the tree's {@code rootfs}. */
    static ContentDigests writtenBy(EntryWriter writer) {
        String rootfs = AciEntryName.ROOTFS + "/";
        return path -> path.startsWith(rootfs) ? writer.contentDigestOf(path.substring(rootfs.length())) : Optional.empty();
    }

    /** A digest of the kind that describes a file's content. */
    public static MessageDigest contentDigest() {
        return digest("SHA-256");
    }

    /** Reads attributes of every namespace this process may see, also on symlinks and device nodes. */
    static XattrReader everyNamespace() {
        return file -> {
            Map<String, byte[]> xattrs = new TreeMap<>();
            for (String name : Xattrs.list(file)) Xattrs.get(file, name).ifPresent(value -> xattrs.put(name, value));
            return xattrs;
        };
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return value;
    }

    /** Feeds each path's record into the tree's digest; length-prefixed fields, so no two trees describe alike. */
    private static final class Description {
        private final Path tree;
        private final ContentDigests known;
        private final MessageDigest treeDigest = digest("SHA-512");
        private final MessageDigest contentDigest = contentDigest();
        private final Map<String, String> firstNameOfInode = new HashMap<>();
        private final Set<String> inodesCounted = new HashSet<>();
        private long bytes;
        private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        private byte[] buffer;

        Description(Path tree, ContentDigests known) {
            this.tree = tree;
            this.known = known;
        }

        void walk(String name) throws IOException {
            add(name);
            List<String> children = new ArrayList<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(tree.resolve(name))) {
                for (Path child : list) children.add(child.getFileName().toString());
            }
            children.sort(null);
            for (String child : children) {
                String childName = name + "/" + child;
                if (Files.isDirectory(tree.resolve(childName), LinkOption.NOFOLLOW_LINKS)) walk(childName);
                else add(childName);
            }
        }

        void add(String name) throws IOException {
            Path file = tree.resolve(name);
            Map<String, Object> unix = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            FileModeType type = FileModeType.of(mode).orElseThrow(() ->
                    new IOException(file + " has file type " + FileModeType.bitsOf(mode) + ", which no tree holds"));
            field(name);
            field(mode); // type and permission bits
            field((Integer) unix.get("uid"));
            field((Integer) unix.get("gid"));
            field(((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS));
            // a second name of an inode (a hard link) takes no more bytes; only such inodes are remembered
            boolean linked = type != FileModeType.DIRECTORY && (Integer) unix.get("nlink") > 1;
            String inode = linked ? unix.get("dev") + ":" + unix.get("ino") : null;
            if (!linked || inodesCounted.add(inode)) bytes += (Long) unix.get("size");
            switch (type) {
                case FILE -> {
                    String first = linked ? firstNameOfInode.putIfAbsent(inode, name) : null;
                    if (first != null) {
                        field(first);
                    } else {
                        field((Long) unix.get("size"));
                        field(known.of(name).orElse(null) instanceof byte[] digest ? digest : contentOf(file));
                    }
                }
                case SYMLINK -> field(Files.readSymbolicLink(file).toString());
                case CHAR_DEVICE, BLOCK_DEVICE -> field((Long) unix.get("rdev"));
                case DIRECTORY, FIFO, SOCKET -> { }
            }
            Map<String, byte[]> xattrs = everyNamespace().read(file);
            field(xattrs.size());
            for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
                field(xattr.getKey());
                field(xattr.getValue());
            }
        }

        private byte[] contentOf(Path file) throws IOException {
            if (buffer == null) buffer = new byte[1 << 17];
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                for (int n; (n = in.read(buffer)) >= 0; ) contentDigest.update(buffer, 0, n);
            }
            return contentDigest.digest();
        }

        private void field(long value) {
            treeDigest.update(number.clear().putLong(value).array());
        }

        private void field(String value) {
            field(value.getBytes(StandardCharsets.UTF_8));
        }

        private void field(byte[] value) {
            field(value.length);
            treeDigest.update(value);
        }
    }
}
