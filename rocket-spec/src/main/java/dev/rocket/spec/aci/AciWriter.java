package dev.rocket.spec.aci;

import dev.rocket.spec.types.ImageId;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Writes an image archive entry by entry, compressing as asked and computing the image ID (SHA-512 of the
 * uncompressed tar) on the way. Entries are written as given: callers put {@code manifest} first and keep
 * a stable order. Long names, large numbers and extended attributes go into PAX headers.
 */
public final class AciWriter implements AutoCloseable {

    private final MessageDigest digest;
    private final TarArchiveOutputStream tar;
    private ImageId imageId;

    /** Starts an archive on {@code out}, which is flushed but not closed by {@link #finish()}. */
    public AciWriter(OutputStream out, AciCompression compression) throws IOException {
        this.digest = sha512();
        OutputStream compressed = compression.compress(new NonClosing(out));
        this.tar = new TarArchiveOutputStream(new DigestOutputStream(compressed, digest));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Adds one entry; {@code content} must hold exactly {@code entry.size()} bytes for a regular file. */
    public void add(AciEntry entry, InputStream content) throws IOException {
        TarArchiveEntry header = header(entry);
        tar.putArchiveEntry(header);
        if (entry.type() == AciEntry.Type.FILE) {
            long copied = content.transferTo(tar);
            if (copied != entry.size()) {
                throw new IOException(entry.name() + ": expected " + entry.size() + " bytes of content, got " + copied);
            }
        }
        tar.closeArchiveEntry();
    }

    /** Ends the archive and returns its image ID. */
    public ImageId finish() throws IOException {
        if (imageId == null) {
            tar.finish();
            tar.close();
            imageId = ImageId.ofDigest(digest.digest());
        }
        return imageId;
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    private static TarArchiveEntry header(AciEntry entry) {
        String name = entry.type() == AciEntry.Type.DIRECTORY ? entry.name() + "/" : entry.name();
        TarArchiveEntry header = new TarArchiveEntry(name, linkFlag(entry.type()), true);
        header.setMode(entry.mode());
        header.setUserId(entry.uid());
        header.setGroupId(entry.gid());
        header.setUserName(entry.userName().orElse(""));
        header.setGroupName(entry.groupName().orElse(""));
        header.setLastModifiedTime(FileTime.from(entry.modified()));
        entry.linkTarget().ifPresent(header::setLinkName);
        if (entry.type() == AciEntry.Type.FILE) header.setSize(entry.size());
        if (entry.type() == AciEntry.Type.CHAR_DEVICE || entry.type() == AciEntry.Type.BLOCK_DEVICE) {
            header.setDevMajor(entry.devMajor());
            header.setDevMinor(entry.devMinor());
        }
        PaxXattrs.toPax(entry.xattrs()).forEach(header::addPaxHeader);
        return header;
    }

    private static byte linkFlag(AciEntry.Type type) {
        return switch (type) {
            case FILE -> TarConstants.LF_NORMAL;
            case DIRECTORY -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case HARDLINK -> TarConstants.LF_LINK;
            case CHAR_DEVICE -> TarConstants.LF_CHR;
            case BLOCK_DEVICE -> TarConstants.LF_BLK;
            case FIFO -> TarConstants.LF_FIFO;
        };
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
    }

    /** Lets the compressor write its trailer without closing the caller's stream. */
    private static final class NonClosing extends FilterOutputStream {
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
