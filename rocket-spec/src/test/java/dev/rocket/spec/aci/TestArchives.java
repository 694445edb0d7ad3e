package dev.rocket.spec.aci;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Archives and layouts made by tests, including hostile ones. */
final class TestArchives {

    static final String MANIFEST = """
            {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/test",
             "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}]}
            """;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TestArchives() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TestArchives file(String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(data.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
        return this;
    }

    TestArchives manifest() throws IOException {
        return file("manifest", MANIFEST);
    }

    TestArchives dir(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        entry.setMode(0755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        return this;
    }

    TestArchives link(String name, String target, byte flag) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        return this;
    }

    byte[] bytes() throws IOException {
        tar.finish();
        tar.close();
        return bytes.toByteArray();
    }

    static byte[] compress(byte[] plain, AciCompression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressor = compression.compress(out)) {
            compressor.write(plain);
        }
        return out.toByteArray();
    }

    /** A layout directory with a valid manifest and an empty rootfs. */
    static Path layout(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("rootfs"));
        Files.writeString(dir.resolve("manifest"), MANIFEST);
        return dir;
    }
}
