package dev.rocket.store.cas;

import dev.rocket.base.DirectoryDeletion;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.crypto.OpenSslProvider;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.StoreLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Content-addressed storage of uncompressed image tars, keyed by {@link ImageId} (the SHA-512 of the tar,
 * appc aci.md "Image ID"). Callers hand in the uncompressed tar; decompression belongs to the ACI reader.
 *
 * <p>Ingest is two steps so that a caller can lock between them: {@link #stage} streams into a temp file in
 * {@link StoreLayout#tmp()}, hashing while writing in one pass, and fsyncs it; {@link StagedBlob#commit()}
 * renames it atomically into place. A blob is therefore either absent or complete, and a crash leaves at
 * most a temp file. This class takes no locks: deciding when temp files may be deleted
 * ({@link #deleteTempFiles()}) is the caller's job, see {@code StoreLocks}.
 */
public final class BlobStore {

    private static final int BUFFER = 128 * 1024;
    private static final String TEMP_PREFIX = "ingest-";

    private final StoreLayout layout;

    public BlobStore(StoreLayout layout) {
        this.layout = layout;
    }

    /**
     * Streams {@code tar} into a temp file, hashing it; if {@code expected} is given and the content hashes to
     * another ID, the temp file is deleted and the error names both IDs.
     */
    public StagedBlob stage(InputStream tar, Optional<ImageId> expected) throws RocketException {
        try (BlobWriter writer = create()) {
            MessageDigest sha512 = sha512();
            byte[] buffer = new byte[BUFFER];
            try {
                for (int n; (n = tar.read(buffer)) >= 0; ) {
                    sha512.update(buffer, 0, n);
                    writer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot store the image: " + e.getMessage(), e);
            }
            ImageId id = ImageId.ofDigest(sha512.digest());
            if (expected.isPresent() && !expected.get().equals(id)) throw mismatch(id, expected.get());
            return writer.seal(id);
        }
    }

    /**
     * Opens a temp file for an image tar whose ID the caller computes itself while it writes (fetch reads an
     * image once and hashes it on the way); {@link BlobWriter#seal} then makes it a {@link StagedBlob}.
     */
    public BlobWriter create() throws RocketException {
        Path temp;
        try {
            Files.createDirectories(layout.tmp());
            temp = Files.createTempFile(layout.tmp(), TEMP_PREFIX, ".tmp");
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create a temporary file in " + layout.tmp() + ": "
                    + e.getMessage() + "; check free space and permissions of the store directory", e);
        }
        try {
            return new BlobWriter(temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new RocketException(Kind.UNAVAILABLE, "cannot open " + temp + ": " + e.getMessage(), e);
        }
    }

    /** The error when content hashes to another ID than the one it must have. */
    public static RocketException mismatch(ImageId actual, ImageId expected) {
        return new RocketException(Kind.VERIFICATION_FAILED, "the image content hashes to " + actual
                + " but " + expected + " was expected; nothing was stored."
                + " The download may be corrupt or tampered with: fetch it again from a trusted source");
    }

    /** A temp file being written; closing it unsealed deletes it. */
    public final class BlobWriter extends OutputStream {
        private final Path temp;
        private final FileChannel channel;
        private long size;
        private boolean sealed;

        private BlobWriter(Path temp, FileChannel channel) {
            this.temp = temp;
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, length);
            while (chunk.hasRemaining()) channel.write(chunk);
            size += length;
        }

        /**
         * Syncs the file (the one fsync atomicity needs: a renamed blob must never turn out empty after a
         * crash) and hands it over as the blob of {@code id}, which the caller vouches is its SHA-512.
         */
        public StagedBlob seal(ImageId id) throws RocketException {
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot store the image: " + e.getMessage(), e);
            }
            sealed = true;
            return new StagedBlob(temp, id, size);
        }

        @Override
        public void close() {
            if (sealed) return;
            try {
                channel.close();
            } catch (IOException e) {
                // the file is deleted next; nothing of it is kept
            }
            deleteQuietly(temp);
        }
    }

    /** An ingested, hashed and synced temp file, not yet visible as a blob. Closing without commit deletes it. */
    public final class StagedBlob implements AutoCloseable {
        private final Path temp;
        private final ImageId id;
        private final long size;
        private boolean committed;

        private StagedBlob(Path temp, ImageId id, long size) {
            this.temp = temp;
            this.id = id;
            this.size = size;
        }

        public ImageId id() {
            return id;
        }

        /** Size of the uncompressed tar in bytes. */
        public long size() {
            return size;
        }

        /** Renames the temp file into place, replacing an identical blob if one is there. */
        public void commit() throws RocketException {
            Path target = layout.blob(id);
            try {
                Files.createDirectories(target.getParent());
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(target.getParent());
                committed = true;
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE,
                        "cannot move image " + id + " into " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!committed) deleteQuietly(temp);
        }
    }

    public boolean contains(ImageId id) {
        return Files.isRegularFile(layout.blob(id));
    }

    /** Size in bytes of the stored blob. */
    public long size(ImageId id) throws RocketException {
        try {
            return Files.size(layout.blob(id));
        } catch (NoSuchFileException e) {
            throw missing(id);
        } catch (IOException e) {
            throw unreadable(id, e);
        }
    }

    /** Opens the stored tar. An open stream stays readable even if the image is removed meanwhile. */
    public InputStream open(ImageId id) throws RocketException {
        try {
            return Files.newInputStream(layout.blob(id));
        } catch (NoSuchFileException e) {
            throw missing(id);
        } catch (IOException e) {
            throw unreadable(id, e);
        }
    }

    /** Re-hashes the stored blob and fails with {@link Kind#VERIFICATION_FAILED} if it no longer matches its ID. */
    public void verify(ImageId id) throws RocketException {
        MessageDigest sha512 = sha512();
        try (InputStream in = open(id)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) sha512.update(buffer, 0, n);
        } catch (IOException e) {
            throw unreadable(id, e);
        }
        ImageId actual = ImageId.ofDigest(sha512.digest());
        if (!actual.equals(id)) {
            throw new RocketException(Kind.VERIFICATION_FAILED, "image " + id + " is corrupt in the store: its"
                    + " content now hashes to " + actual + "; remove it with `rkt image rm " + id
                    + "` and fetch it again");
        }
    }

    /** Deletes the blob; returns whether there was one. */
    public boolean remove(ImageId id) throws RocketException {
        try {
            return Files.deleteIfExists(layout.blob(id));
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot delete the blob of image " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every stored blob's ID, by walking the blob directories (for garbage collection, not for listing). */
    public SortedSet<ImageId> ids() throws RocketException {
        SortedSet<ImageId> ids = new TreeSet<>();
        if (!Files.isDirectory(layout.blobs())) return ids;
        try (Stream<Path> files = Files.walk(layout.blobs(), 2)) {
            files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .forEach(name -> {
                        try {
                            ids.add(ImageId.parse(name));
                        } catch (dev.rocket.spec.SpecException e) {
                            // Not a blob of ours (a stray file): leave it alone.
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot list " + layout.blobs() + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /** The temp files of ingests, finished or not, and the directories of renders in a fetch's pass. */
    public SortedSet<Path> tempFiles() throws RocketException {
        SortedSet<Path> files = new TreeSet<>();
        if (!Files.isDirectory(layout.tmp())) return files;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.tmp())) {
            for (Path entry : entries) files.add(entry);
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot list " + layout.tmp() + ": " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * Deletes every temp file. Only safe while no ingest is in progress in any process, that is while the
     * caller holds the store lock exclusively. Returns how many were deleted.
     */
    public int deleteTempFiles() throws RocketException {
        int deleted = 0;
        for (Path file : tempFiles()) {
            try {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    // a tree a fetch was rendering in its pass (see TreeStore.beginPassRender)
                    DirectoryDeletion.delete(file);
                    deleted++;
                } else if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot delete temporary file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return deleted;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse fsync on directories; the rename itself is still atomic.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind as a temp file: the next clean-up under the exclusive store lock deletes it.
        }
    }

    /** OpenSSL's SHA-512 when the system has it (see {@link OpenSslProvider}): blobs are whole images. */
    private static MessageDigest sha512() {
        OpenSslProvider.install();
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
    }

    private static RocketException missing(ImageId id) {
        return new RocketException(Kind.NOT_FOUND, "image " + id + " is not in the store (it may have been"
                + " removed meanwhile); fetch it again with `rkt fetch`");
    }

    private static RocketException unreadable(ImageId id, IOException e) {
        return new RocketException(Kind.UNAVAILABLE, "cannot read image " + id + " from the store: "
                + e.getMessage(), e);
    }
}
