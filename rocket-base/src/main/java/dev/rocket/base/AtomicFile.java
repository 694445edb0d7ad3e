package dev.rocket.base;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file so that readers see either the old content or the whole new one, never a part: a temporary
 * file beside it, synced, renamed over it, and the directory synced. The one way Rocket rewrites small files
 * in place (trusted keys, pod manifests, pod status files).
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** {@link #write(Path, byte[], Set)} of UTF-8 text, keeping the temporary file's default permissions. */
    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, syncs it, gives it {@code permissions}
     * and renames it over {@code target}. The temporary name starts with a dot and ends in {@code .tmp}.
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            if (permissions != null) Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        // Make the rename itself durable; a directory that cannot be opened for sync is no reason to fail.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // The content is in place; only its durability across a crash is less certain.
        }
    }
}
