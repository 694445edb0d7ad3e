package dev.rocket.store.tree;

import dev.rocket.os.linux.FileDescriptors;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.ImageId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The completion marker of a tree, written last, after the tree is on disk: while it is missing the tree is
 * incomplete and never used. It records what verification and garbage collection need, one field per line:
 * <pre>
 * checksum-v2 sha512-... the tree's {@link TreeChecksum}
 * size 104857600       the bytes the tree takes (markers written before it was added lack it)
 * image sha512-...     the image rendered
 * layer sha512-...     each layer applied, lowest first
 * </pre>
 */
final class TreeMarker {

    /** The line of the checksum; it names the checksum's definition, which changed once. */
    private static final String CHECKSUM = "checksum-v2";
    private static final String SIZE = "size";

    private TreeMarker() {
    }

    /** Flushes {@code tree} to disk, then writes the marker atomically (temp file, fsync, rename, fsync). */
    static void write(Path marker, Path tree, TreeChecksum.Measurement measured, ImageId image, List<ImageId> layers)
            throws IOException {
        syncTree(tree);
        dev.rocket.base.Trace.mark("tree synced");
        StringBuilder text = new StringBuilder(CHECKSUM + " ").append(measured.checksum()).append('\n');
        text.append(SIZE + " ").append(measured.bytes()).append('\n');
        text.append("image ").append(image).append('\n');
        for (ImageId layer : layers) text.append("layer ").append(layer).append('\n');
        Path temp = marker.resolveSibling(marker.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE);
        sync(marker.getParent());
    }

    /** What the marker records, or empty when there is none (the tree is incomplete or gone). */
    static Optional<Recorded> read(Path marker) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(marker, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            TreeChecksum checksum = null;
            OptionalLong bytes = OptionalLong.empty();
            ImageId image = null;
            List<ImageId> layers = new ArrayList<>();
            for (String line : lines) {
                int space = line.indexOf(' ');
                String value = line.substring(space + 1);
                switch (space < 0 ? line : line.substring(0, space)) {
                    case CHECKSUM -> checksum = new TreeChecksum(value);
                    // an older Rocket's checksum, of another definition: that tree is rendered again
                    case "checksum" -> {
                        return Optional.empty();
                    }
                    case SIZE -> bytes = OptionalLong.of(Long.parseLong(value));
                    case "image" -> image = ImageId.parse(value);
                    case "layer" -> layers.add(ImageId.parse(value));
                    // a line a later Rocket added: what this one needs is there or the marker is incomplete
                    default -> { }
                }
            }
            if (checksum == null || image == null || layers.isEmpty()) throw new IOException(marker + " is incomplete");
            return Optional.of(new Recorded(checksum, bytes, image, layers));
        } catch (SpecException | IllegalArgumentException e) {
            throw new IOException(marker + " is damaged: " + e.getMessage(), e);
        }
    }

    /** @param bytes the tree's size, if recorded (see {@link TreeChecksum.Measurement}) */
    record Recorded(TreeChecksum checksum, OptionalLong bytes, ImageId image, List<ImageId> layers) {
    }

    /**
     * Flushes {@code tree} with one syncfs(2) of its filesystem instead of an fsync per file: a tree of thousands
     * of small files would otherwise pay thousands of journal commits, and only the marker written after it needs
     * to be ordered behind the tree's data.
     */
    private static void syncTree(Path tree) throws IOException {
        FileDescriptors.syncFileSystem(tree);
    }

    private static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
