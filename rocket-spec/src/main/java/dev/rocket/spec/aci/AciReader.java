package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.ImageId;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an image archive in one streaming pass: detects its compression by content, checks every entry
 * against the archive rules (aci.md), keeps the manifest, and computes the image ID (SHA-512 of all the
 * uncompressed tar bytes, end blocks included) as it goes. Nothing is buffered but the manifest.
 *
 * <pre>{@code
 * try (AciReader reader = AciReader.open(in)) {
 *     for (AciEntry entry; (entry = reader.next()) != null; ) { ... reader.content() ... }
 *     ImageId id = reader.imageId();
 * }
 * }</pre>
 */
public final class AciReader implements Closeable {

    /** Manifests are small JSON documents; a larger one is hostile input, not an image. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final AciCompression compression;
    private final DigestInputStream tarBytes;
    private final TarArchiveInputStream tar;
    private final Map<String, AciEntry.Type> seen = new HashMap<>();
    private byte[] manifest;
    private InputStream content = InputStream.nullInputStream();
    private ImageId imageId;
    private boolean hashed = true;

    private AciReader(AciCompression compression, InputStream uncompressed) {
        this.compression = compression;
        this.tarBytes = new DigestInputStream(uncompressed, sha512());
        this.tar = new TarArchiveInputStream(tarBytes);
    }

    /** Starts reading an archive; the stream is closed with the reader. */
    public static AciReader open(InputStream raw) throws SpecException {
        BufferedInputStream buffered = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 65536);
        try {
            AciCompression compression = AciCompression.detect(buffered);
            return new AciReader(compression, compression.decompress(buffered));
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    /**
     * Starts reading an archive whose image ID is known and vouched for (a blob the store verified when it
     * stored it), without hashing it again: {@link #imageId()} is then not available. For renders.
     */
    public static AciReader openKnown(InputStream raw) throws SpecException {
        AciReader reader = open(raw);
        reader.tarBytes.on(false);
        reader.hashed = false;
        return reader;
    }

    /** Reads a whole archive and returns its image ID, checking the archive rules on the way. */
    public static ImageId imageId(InputStream raw) throws SpecException {
        try (AciReader reader = open(raw)) {
            while (reader.next() != null) {
                // every entry is checked by next()
            }
            return reader.imageId();
        }
    }

    /** Reads a whole archive, checking it and its manifest, and returns the parsed manifest. */
    public static ImageManifest manifestOf(InputStream raw) throws SpecException {
        return parseManifest(manifestBytesOf(raw));
    }

    /**
     * The manifest bytes of an archive whose image ID is known and vouched for (a blob the store verified when it
     * stored it), read only as far as the manifest, normally the first entry, without hashing or checking the
     * rest: a pod's start must not read a large image through.
     */
    public static byte[] storedManifestBytesOf(InputStream raw) throws SpecException {
        try (AciReader reader = openKnown(raw)) {
            for (AciEntry entry; (entry = reader.next()) != null; ) {
                if (!entry.isInRootfs()) return reader.manifest();
            }
            return reader.manifest();
        }
    }

    /** Parses manifest bytes taken from an archive; violations are reported under {@code manifest}. */
    public static ImageManifest parseManifest(byte[] manifest) throws SpecException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(manifest)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SpecException(AciEntryName.MANIFEST, null, "the manifest is not UTF-8 text");
        }
        try {
            return ImageManifest.parse(json);
        } catch (SpecException e) {
            throw new SpecException(e.violations().stream()
                    .map(v -> new Violation(AciEntryName.MANIFEST + " " + v.path(), v.value(), v.rule())).toList(), e);
        }
    }

    /** Reads a whole archive, checking it, and returns its manifest bytes as stored. */
    public static byte[] manifestBytesOf(InputStream raw) throws SpecException {
        try (AciReader reader = open(raw)) {
            while (reader.next() != null) {
                // the manifest is kept as it passes
            }
            return reader.manifest();
        }
    }

    public AciCompression compression() {
        return compression;
    }

    /** The next entry, or {@code null} at the end of the archive (then {@link #imageId()} is known). */
    public AciEntry next() throws SpecException {
        if (imageId != null) return null;
        try {
            TarArchiveEntry header = tar.getNextEntry();
            if (header == null) {
                finish();
                return null;
            }
            AciEntry entry = check(header);
            if (entry.name().equals(AciEntryName.MANIFEST)) {
                manifest = readManifest(header);
                content = new ByteArrayInputStream(manifest);
            } else {
                content = entry.type() == AciEntry.Type.FILE ? tar : InputStream.nullInputStream();
            }
            return entry;
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    /** The content of the current entry (empty for anything but a regular file). */
    public InputStream content() {
        return content;
    }

    /** The manifest bytes; known once the {@code manifest} entry has been read. */
    public byte[] manifest() throws SpecException {
        if (manifest == null) {
            if (imageId == null) throw new IllegalStateException("the manifest has not been read yet");
            throw new SpecException(AciEntryName.MANIFEST, null, "the image archive has no manifest");
        }
        return manifest.clone();
    }

    /** The image ID; known once {@link #next()} has returned {@code null}, unless opened by {@link #openKnown}. */
    public ImageId imageId() {
        if (imageId == null) throw new IllegalStateException("the archive has not been read to its end");
        if (!hashed) throw new IllegalStateException("an archive opened as known is not hashed");
        return imageId;
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            // nothing was written; a failure to close a read stream loses nothing
        }
    }

    private AciEntry check(TarArchiveEntry header) throws SpecException {
        String name = AciEntryName.normalise(header.getName());
        AciEntry.Type type = typeOf(header, name);
        if (seen.containsKey(name)) {
            throw new SpecException(name, header.getName(), "the archive holds this entry twice");
        }
        if (name.equals(AciEntryName.MANIFEST) && type != AciEntry.Type.FILE) {
            throw new SpecException(name, null, "the manifest must be a regular file, not a " + describe(type));
        }
        if (name.equals(AciEntryName.ROOTFS) && type != AciEntry.Type.DIRECTORY) {
            throw new SpecException(name, null, "rootfs must be a directory, not a " + describe(type));
        }
        Optional<String> linkTarget = Optional.empty();
        if (type == AciEntry.Type.HARDLINK) {
            String target = hardLinkTarget(header, name);
            linkTarget = Optional.of(target);
        } else if (type == AciEntry.Type.SYMLINK) {
            if (header.getLinkName().isEmpty()) throw new SpecException(name, null, "a symlink must have a target");
            if (!name.startsWith(AciEntryName.ROOTFS + "/")) {
                throw new SpecException(name, null, "symlinks may only stand below rootfs");
            }
            linkTarget = Optional.of(header.getLinkName());
        }
        seen.put(name, type);
        return new AciEntry(name, type, header.getMode() & 07777, header.getLongUserId(), header.getLongGroupId(),
                nonEmpty(header.getUserName()), nonEmpty(header.getGroupName()),
                header.getLastModifiedTime().toInstant(), type == AciEntry.Type.FILE ? header.getSize() : 0,
                linkTarget, header.getDevMajor(), header.getDevMinor(), PaxXattrs.fromPax(header.getExtraPaxHeaders()));
    }

    private String hardLinkTarget(TarArchiveEntry header, String name) throws SpecException {
        String target;
        try {
            target = AciEntryName.normalise(header.getLinkName());
        } catch (SpecException e) {
            throw new SpecException(name, header.getLinkName(), "a hard link must point at an entry inside rootfs");
        }
        if (!target.startsWith(AciEntryName.ROOTFS + "/")) {
            throw new SpecException(name, header.getLinkName(), "a hard link must point at an entry inside rootfs");
        }
        AciEntry.Type targetType = seen.get(target);
        if (targetType == null) {
            throw new SpecException(name, header.getLinkName(), "a hard link must point at an earlier entry of the archive");
        }
        if (targetType == AciEntry.Type.DIRECTORY) {
            throw new SpecException(name, header.getLinkName(), "a hard link cannot point at a directory");
        }
        return target;
    }

    private static AciEntry.Type typeOf(TarArchiveEntry header, String name) throws SpecException {
        if (header.isSparse()) throw new SpecException(name, null, "sparse files are not supported in image archives");
        if (header.isLink()) return AciEntry.Type.HARDLINK;
        if (header.isSymbolicLink()) return AciEntry.Type.SYMLINK;
        if (header.isDirectory()) return AciEntry.Type.DIRECTORY;
        if (header.isCharacterDevice()) return AciEntry.Type.CHAR_DEVICE;
        if (header.isBlockDevice()) return AciEntry.Type.BLOCK_DEVICE;
        if (header.isFIFO()) return AciEntry.Type.FIFO;
        if (header.isFile()) return AciEntry.Type.FILE;
        throw new SpecException(name, null, "unsupported archive entry type '" + (char) header.getLinkFlag() + "'");
    }

    private byte[] readManifest(TarArchiveEntry header) throws IOException, SpecException {
        if (header.getSize() > MAX_MANIFEST_BYTES) {
            throw new SpecException(AciEntryName.MANIFEST, null,
                    "the manifest is " + header.getSize() + " bytes; more than " + MAX_MANIFEST_BYTES + " is not a manifest");
        }
        return tar.readNBytes((int) header.getSize());
    }

    private void finish() throws IOException, SpecException {
        tarBytes.transferTo(OutputStream.nullOutputStream());
        imageId = ImageId.ofDigest(tarBytes.getMessageDigest().digest()); // marks the end; meaningless when not hashed
        if (seen.isEmpty()) {
            throw new SpecException("archive", null, "not an image archive: it holds no tar entries (empty, or not a tar file)");
        }
        if (manifest == null) throw new SpecException(AciEntryName.MANIFEST, null, "the image archive has no manifest");
    }

    private static String describe(AciEntry.Type type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static Optional<String> nonEmpty(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static SpecException corrupt(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SpecException("archive", null, "not a readable image archive (truncated or corrupt?): " + detail);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
    }
}
