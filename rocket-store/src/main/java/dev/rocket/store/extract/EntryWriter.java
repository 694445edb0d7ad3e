package dev.rocket.store.extract;

import dev.rocket.base.DirectoryDeletion;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.DeviceNumber;
import dev.rocket.os.linux.FileMetadata;
import dev.rocket.os.linux.FileNodes;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.NodeType;
import dev.rocket.os.linux.Xattrs;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.render.OverlayRule;
import dev.rocket.spec.render.OverlayRule.Existing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the entries of one or more image archives into a root directory so that no entry can create or
 * change anything outside it. Each {@link #apply} is one archive (one layer of a render); later archives
 * overwrite earlier ones by the {@link OverlayRule}; {@link #finish()} then sets the owners, modes and times
 * of directories, deepest first, so that writing their contents does not disturb them.
 *
 * <h2>Why path checks without following links, and no {@code openat}</h2>
 * Every parent of an entry is looked at with {@link LinkOption#NOFOLLOW_LINKS} before anything is created
 * below it, and a symlink or non-directory in the way is refused (within one archive) or replaced (when an
 * earlier layer put it there); new files are created with {@code O_CREAT|O_EXCL}, which never follows a
 * link. This is enough because the only writer of the root is this object: the root is a fresh directory
 * that only root (or the extracting user) can write, and the hostile party is the archive, whose entries are
 * applied one after the other. Nothing can swap a checked directory for a link between the check and the use,
 * so descriptor-relative {@code openat(O_NOFOLLOW)} walks would add native calls without closing a real gap.
 *
 * <h2>Within one archive</h2>
 * An entry may not write through a symlink or a file the same archive put down (a "symlinked parent"), nor
 * replace anything the same archive put down except a directory it created implicitly for an earlier entry.
 * A hard link must point at an entry the same archive put down, never at a directory. Symlink targets are
 * content: they are stored verbatim and never followed.
 *
 * <h2>Attributes</h2>
 * As {@link Privilege#ROOT}: numeric owner and group ({@code lchown}), then the mode, since {@code chown}
 * clears set-user-ID; device nodes and FIFOs; every extended attribute; access and modification time set to
 * the entry's time, also on symlinks ({@code utimensat} with {@code AT_SYMLINK_NOFOLLOW}).
 */
public final class EntryWriter {

    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    private final Path root;
    private final Privilege privilege;
    /** Directories whose metadata is set by {@link #finish()}, by path relative to the root. */
    private final TreeMap<String, AciEntry> directories = new TreeMap<>();
    /** Paths the current archive created, explicitly or as implicit parents. */
    private final Set<String> madeByArchive = new HashSet<>();
    /** Where each entry of the current archive went, by entry name, for hard links. */
    private final Map<String, String> placed = new HashMap<>();
    /** One large buffer for every file's content: fewer, larger reads and writes than transferTo's 16 KiB. */
    private final byte[] copyBuffer = new byte[1 << 18];
    /** The content digest of each regular file written, by path relative to the root; null unless asked for. */
    private Map<String, byte[]> contentDigests;
    private MessageDigest contentDigest;

    /** @param root an existing, real directory that this writer alone writes to */
    public EntryWriter(Path root, Privilege privilege) {
        this.root = root;
        this.privilege = privilege;
    }

    /**
     * Makes this writer hash each regular file's content as it writes it, with {@code digest}, so that a tree's
     * checksum need not read the files back ({@link #contentDigestOf}).
     */
    public EntryWriter hashingContent(MessageDigest digest) {
        contentDigest = digest;
        contentDigests = new HashMap<>();
        return this;
    }

    /** The digest of the regular file at {@code relative} as this writer left it, if it wrote it and was asked to hash. */
    public Optional<byte[]> contentDigestOf(String relative) {
        return contentDigests == null ? Optional.empty() : Optional.ofNullable(contentDigests.get(relative));
    }

    /** Reads {@code reader} to its end and writes each entry where {@code placement} puts it. */
    public void apply(AciReader reader, EntryPlacement placement) throws RocketException {
        startArchive();
        try {
            for (AciEntry entry; (entry = reader.next()) != null; ) accept(entry, reader.content(), placement);
        } catch (SpecException e) {
            throw RocketException.invalid("cannot extract the image", e);
        }
    }

    /** Starts the next archive, for a caller that reads the archive itself and hands each entry to {@link #accept}. */
    public void startArchive() {
        madeByArchive.clear();
        placed.clear();
    }

    /** Writes one entry of the current archive where {@code placement} puts it; reads its content, if placed. */
    public void accept(AciEntry entry, InputStream content, EntryPlacement placement) throws RocketException {
        Optional<String> where = placement.place(entry);
        if (where.isPresent()) write(entry, where.get(), content);
    }

    /** Sets the metadata of every directory written, deepest first; call once after the last archive. */
    public void finish() throws RocketException {
        for (Map.Entry<String, AciEntry> directory : directories.descendingMap().entrySet()) {
            Path path = resolve(directory.getKey());
            try {
                if (kindOf(path) == Existing.DIRECTORY) setMetadata(path, directory.getValue());
            } catch (IOException e) {
                throw failed(directory.getValue(), e);
            }
        }
        directories.clear();
    }

    private void write(AciEntry entry, String relative, InputStream content) throws RocketException {
        List<String> parts = components(entry, relative);
        boolean incomingIsDirectory = entry.type() == AciEntry.Type.DIRECTORY;
        try {
            if (parts.isEmpty()) {
                if (!incomingIsDirectory) throw refused(entry, "only a directory can stand at the top of the target");
                directories.put("", entry);
                placed.put(entry.name(), "");
                return;
            }
            Path path = parentOf(entry, parts).resolve(parts.getLast());
            if (contentDigests != null) contentDigests.remove(relative);
            Existing existing = kindOf(path);
            boolean merge = false;
            if (existing != Existing.NOTHING) {
                if (madeByArchive.contains(relative)) {
                    if (existing != Existing.DIRECTORY || !incomingIsDirectory) {
                        throw refused(entry, "the archive already put a " + describe(existing) + " at this path, and an"
                                + " entry may not replace it");
                    }
                    merge = true;
                } else {
                    switch (OverlayRule.decide(existing, incomingIsDirectory)) {
                        case MERGE_DIRECTORY -> merge = true;
                        case REPLACE -> remove(path, relative);
                        case CREATE -> { }
                    }
                }
            }
            if (!merge) create(entry, path, relative, content);
            if (incomingIsDirectory) directories.put(relative, entry);
            madeByArchive.add(relative);
            placed.put(entry.name(), relative);
        } catch (IOException e) {
            throw failed(entry, e);
        }
    }

    /** The real directory that will hold the entry, creating missing parents; never follows a link. */
    private Path parentOf(AciEntry entry, List<String> parts) throws IOException, RocketException {
        Path dir = root;
        StringBuilder relative = new StringBuilder();
        for (String part : parts.subList(0, parts.size() - 1)) {
            if (!relative.isEmpty()) relative.append('/');
            relative.append(part);
            Path next = dir.resolve(part);
            Existing existing = kindOf(next);
            if (existing != Existing.DIRECTORY) {
                if (existing != Existing.NOTHING) {
                    if (madeByArchive.contains(relative.toString())) {
                        throw refused(entry, "its parent " + relative + " is a " + describe(existing) + " put there by"
                                + " the same archive; extraction never writes through it");
                    }
                    // An earlier layer's symlink or file is in the way: the overlay rule replaces it, unfollowed.
                    remove(next, relative.toString());
                }
                Files.createDirectory(next);
                FileMetadata.chmod(next, DEFAULT_DIRECTORY_MODE);
                madeByArchive.add(relative.toString());
            }
            dir = next;
        }
        return dir;
    }

    private void create(AciEntry entry, Path path, String relative, InputStream content)
            throws IOException, RocketException {
        switch (entry.type()) {
            case DIRECTORY -> Files.createDirectory(path);
            case FILE -> {
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = content.read(copyBuffer)) >= 0; ) {
                        out.write(copyBuffer, 0, n);
                        if (contentDigest != null) contentDigest.update(copyBuffer, 0, n);
                    }
                }
                if (contentDigests != null) contentDigests.put(relative, contentDigest.digest());
                setMetadata(path, entry);
            }
            case SYMLINK -> {
                Files.createSymbolicLink(path, Path.of(entry.linkTarget().orElseThrow()));
                setMetadata(path, entry);
            }
            case HARDLINK -> Files.createLink(path, hardLinkTarget(entry));
            case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
                if (privilege != Privilege.ROOT) {
                    throw new RocketException(Kind.PERMISSION_DENIED, "cannot extract " + entry.name() + ": device"
                            + " nodes and FIFOs are extracted only by root; run as root or remove them from the image");
                }
                NodeType type = switch (entry.type()) {
                    case CHAR_DEVICE -> NodeType.CHARACTER_DEVICE;
                    case BLOCK_DEVICE -> NodeType.BLOCK_DEVICE;
                    default -> NodeType.FIFO;
                };
                FileNodes.mknod(path, type, entry.mode() & 0777, DeviceNumber.of(entry.devMajor(), entry.devMinor()));
                setMetadata(path, entry);
            }
        }
    }

    /** The file a hard link entry shares its inode with: an earlier entry of the same archive, not a directory. */
    private Path hardLinkTarget(AciEntry entry) throws IOException, RocketException {
        String target = placed.get(entry.linkTarget().orElseThrow());
        if (target == null) {
            throw refused(entry, "a hard link must point at a file extracted earlier from the same archive, not "
                    + entry.linkTarget().orElseThrow());
        }
        List<String> parts = components(entry, target);
        Path path = root;
        for (int i = 0; i < parts.size(); i++) {
            path = path.resolve(parts.get(i));
            Existing existing = kindOf(path);
            boolean last = i == parts.size() - 1;
            if (last ? existing == Existing.DIRECTORY || existing == Existing.NOTHING : existing != Existing.DIRECTORY) {
                throw refused(entry, "a hard link must point at a file, not through or at a " + describe(existing));
            }
        }
        return path;
    }

    private void setMetadata(Path path, AciEntry entry) throws IOException {
        boolean symlink = entry.type() == AciEntry.Type.SYMLINK;
        if (privilege == Privilege.ROOT) FileMetadata.lchown(path, (int) entry.uid(), (int) entry.gid());
        // After chown, which clears set-user-ID and set-group-ID; Linux keeps no mode on a symlink.
        if (!symlink) FileMetadata.chmod(path, privilege == Privilege.ROOT ? entry.mode() : entry.mode() & 01777);
        for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
            if (privilege == Privilege.ROOT || xattr.getKey().startsWith("user.") && !symlink) {
                Xattrs.set(path, xattr.getKey(), xattr.getValue());
            }
        }
        Instant time = entry.modified();
        FileMetadata.setTimes(path, time, time, LinkOption.NOFOLLOW_LINKS);
    }

    private void remove(Path path, String relative) throws IOException {
        DirectoryDeletion.delete(path);
        directories.remove(relative);
        directories.subMap(relative + "/", relative + "0").clear();
        if (contentDigests != null) {
            contentDigests.remove(relative);
            contentDigests.keySet().removeIf(file -> file.startsWith(relative + "/"));
        }
    }

    /** The components of a relative path, checked again although the reader already refuses such names. */
    private static List<String> components(AciEntry entry, String relative) throws RocketException {
        List<String> parts = new ArrayList<>();
        if (relative.isEmpty()) return parts;
        if (relative.startsWith("/") || relative.indexOf('\0') >= 0) {
            throw refused(entry, "an entry must stay inside the target, not at " + relative);
        }
        for (String part : relative.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw refused(entry, "an entry must stay inside the target; \"" + relative + "\" has an empty, . or .."
                        + " component");
            }
            parts.add(part);
        }
        return parts;
    }

    private Path resolve(String relative) {
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    static Existing kindOf(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Existing.NOTHING;
        }
        if (attributes.isSymbolicLink()) return Existing.SYMLINK;
        return attributes.isDirectory() ? Existing.DIRECTORY : Existing.OTHER;
    }

    private static String describe(Existing existing) {
        return switch (existing) {
            case NOTHING -> "missing file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symlink";
            case OTHER -> "file";
        };
    }

    private static RocketException refused(AciEntry entry, String rule) {
        return new RocketException(Kind.INVALID_ARGUMENT, "refusing archive entry " + entry.name() + ": " + rule);
    }

    private static RocketException failed(AciEntry entry, IOException e) {
        Kind kind = e instanceof LinuxException linux ? linux.kind() : Kind.INTERNAL;
        return new RocketException(kind, "cannot extract " + entry.name() + ": " + e.getMessage(), e);
    }
}
