package dev.rocket.docker;

import io.airlift.compress.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds layer tars for tests: files, directories, symlinks and whiteouts, compressed as asked. */
final class TestLayer {

    enum Compression { NONE, GZIP, ZSTD }

    private final ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;
    private boolean finished;

    TestLayer() {
        tar = new TarArchiveOutputStream(tarBytes);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TestLayer dir(String name) {
        return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), new byte[0]);
    }

    TestLayer file(String name, String content) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        entry.setMode(0100755);
        return put(entry, bytes);
    }

    TestLayer symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    TestLayer hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    TestLayer whiteout(String name) {
        int slash = name.lastIndexOf('/');
        return file(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1), "");
    }

    TestLayer opaque(String dir) {
        return file(dir + "/.wh..wh..opq", "");
    }

    private TestLayer put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uncompressed tar. */
    byte[] tar() {
        try {
            if (!finished) tar.finish();
            finished = true;
            return tarBytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] blob(Compression compression) {
        byte[] plain = tar();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressed = switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out);
        }) {
            compressed.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
