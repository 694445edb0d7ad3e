package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.AciWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies an image's layers into the {@code rootfs} of one archive, as overlayfs would show them: layers
 * are read from the top down and an entry is written only if no layer above it put something at its path,
 * hid it with a whiteout ({@code .wh.NAME}), made its directory opaque ({@code .wh..wh..opq}), or put a
 * non-directory over one of its parents. Reading from the top means each layer is read once and nothing is
 * written to disk. A whiteout only hides what is below its own layer.
 *
 * <p>Entries are refused when a {@code ..} would lead out of the root filesystem or when an entry lies below a
 * symlink or file of its own layer (it would be written through the link).
 */
final class LayerSquasher {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final String XATTR = "SCHILY.xattr.";

    /** What the layers above have put at a path, and from which layer. */
    private record Placed(boolean directory, int layer) {
    }

    private final Map<String, Placed> placed = new HashMap<>();
    private final Set<String> impliedDirectories = new HashSet<>();
    private final Set<String> whitedOut = new HashSet<>();
    private final Set<String> opaque = new HashSet<>();

    /** Writes the merged root filesystem ({@code rootfs} and below) of {@code layers}, lowest first. */
    void squash(List<LayerFile> layers, AciWriter writer) throws RocketException {
        try {
            writer.add(directory(AciEntryName.ROOTFS), InputStream.nullInputStream());
            for (int i = layers.size() - 1; i >= 0; i--) {
                apply(layers.get(i), i, writer);
            }
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot write the converted image: " + e.getMessage(), e);
        }
    }

    private void apply(LayerFile layer, int index, AciWriter writer) throws RocketException, IOException {
        String name = layer.digest().toString();
        Set<String> layerWhiteouts = new HashSet<>();
        Set<String> layerOpaque = new HashSet<>();
        Optional<MessageDigest> diffDigest = layer.diffId().map(Digest::newDigest);
        try (InputStream raw = Files.newInputStream(layer.file());
             InputStream uncompressed = LayerCompression.open(raw);
             InputStream hashed = diffDigest.<InputStream>map(d -> new DigestInputStream(uncompressed, d)).orElse(uncompressed);
             TarArchiveInputStream tar = new TarArchiveInputStream(hashed)) {
            for (TarArchiveEntry header; (header = tar.getNextEntry()) != null; ) {
                String path = LayerPath.normalise(header.getName(), name);
                if (path.isEmpty()) continue;
                String base = LayerPath.baseName(path);
                if (base.equals(OPAQUE)) {
                    layerOpaque.add(LayerPath.parent(path));
                } else if (base.startsWith(WHITEOUT)) {
                    layerWhiteouts.add(LayerPath.child(LayerPath.parent(path), base.substring(WHITEOUT.length())));
                } else if (isVisible(path, header, index, name)) {
                    write(header, path, tar, index, name, writer);
                }
            }
            hashed.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new RocketException(Kind.VERIFICATION_FAILED, "layer " + name + " is not a readable tar archive ("
                    + e.getMessage() + "); nothing was stored", e);
        }
        if (diffDigest.isPresent() && !layer.diffId().get().matches(diffDigest.get().digest())) {
            throw layer.diffId().get().mismatch("the uncompressed content of layer " + name);
        }
        whitedOut.addAll(layerWhiteouts);
        opaque.addAll(layerOpaque);
    }

    private boolean isVisible(String path, TarArchiveEntry header, int layer, String layerName) throws RocketException {
        if (placed.containsKey(path) || whitedOut.contains(path)) return false;
        for (String ancestor : LayerPath.ancestors(path)) {
            if (whitedOut.contains(ancestor) || opaque.contains(ancestor)) return false;
            Placed above = placed.get(ancestor);
            if (above != null && !above.directory()) {
                if (above.layer() == layer) {
                    throw new RocketException(Kind.VERIFICATION_FAILED, "layer " + layerName + " has an entry \""
                            + header.getName() + "\" below its own symlink or file " + ancestor
                            + ", which could escape the root filesystem; the image is refused and nothing was stored");
                }
                return false;
            }
        }
        // a directory that a layer above needs as a parent is not replaced by a lower file
        return header.isDirectory() || !impliedDirectories.contains(path);
    }

    private void write(TarArchiveEntry header, String path, InputStream content, int layer, String layerName,
                       AciWriter writer) throws RocketException, IOException {
        AciEntry.Type type = typeOf(header, layerName);
        Optional<String> link = Optional.empty();
        if (type == AciEntry.Type.HARDLINK) {
            String target = LayerPath.normalise(header.getLinkName(), layerName);
            Placed placedTarget = placed.get(target);
            // the target must come from this very layer: one from above is other content, one hidden is gone
            if (placedTarget == null || placedTarget.layer() != layer || placedTarget.directory()) return;
            link = Optional.of(AciEntryName.ROOTFS + "/" + target);
        } else if (type == AciEntry.Type.SYMLINK) {
            link = Optional.of(header.getLinkName());
        }
        long size = type == AciEntry.Type.FILE ? header.getSize() : 0;
        AciEntry entry = new AciEntry(AciEntryName.ROOTFS + "/" + path, type, header.getMode() & 07777,
                header.getLongUserId(), header.getLongGroupId(), nonEmpty(header.getUserName()),
                nonEmpty(header.getGroupName()), header.getLastModifiedTime().toInstant(), size, link,
                header.getDevMajor(), header.getDevMinor(), xattrs(header));
        writer.add(entry, type == AciEntry.Type.FILE ? content : InputStream.nullInputStream());
        placed.put(path, new Placed(type == AciEntry.Type.DIRECTORY, layer));
        impliedDirectories.addAll(LayerPath.ancestors(path));
    }

    private static AciEntry.Type typeOf(TarArchiveEntry header, String layerName) throws RocketException {
        if (header.isSparse()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "layer " + layerName + " holds a sparse file ("
                    + header.getName() + "), which Rocket does not convert");
        }
        if (header.isDirectory()) return AciEntry.Type.DIRECTORY;
        if (header.isSymbolicLink()) return AciEntry.Type.SYMLINK;
        if (header.isLink()) return AciEntry.Type.HARDLINK;
        if (header.isCharacterDevice()) return AciEntry.Type.CHAR_DEVICE;
        if (header.isBlockDevice()) return AciEntry.Type.BLOCK_DEVICE;
        if (header.isFIFO()) return AciEntry.Type.FIFO;
        if (header.isFile()) return AciEntry.Type.FILE;
        throw new RocketException(Kind.INVALID_ARGUMENT, "layer " + layerName + " holds an entry of unknown type ("
                + header.getName() + ")");
    }

    private static Map<String, byte[]> xattrs(TarArchiveEntry header) {
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        header.getExtraPaxHeaders().forEach((key, value) -> {
            if (key.startsWith(XATTR)) xattrs.put(key.substring(XATTR.length()), value.getBytes(StandardCharsets.UTF_8));
        });
        return xattrs;
    }

    private static Optional<String> nonEmpty(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static AciEntry directory(String name) {
        return new AciEntry(name, AciEntry.Type.DIRECTORY, 0755, 0, 0, Optional.empty(), Optional.empty(),
                java.time.Instant.EPOCH, 0, Optional.empty(), 0, 0, Map.of());
    }
}
