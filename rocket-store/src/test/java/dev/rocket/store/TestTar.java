package dev.rocket.store;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.function.Consumer;

/** Image tars with hand-made headers, hostile ones included, built in memory by tests. */
public final class TestTar {

    public static final Instant TIME = Instant.parse("2020-02-02T02:02:02Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    public TestTar() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** A tar that starts with a manifest of {@code name}, an {@code os=linux} label and {@code extraJson} fields. */
    public static TestTar image(String name, String extraJson) {
        String manifest = "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \"" + name + "\","
                + " \"labels\": [{\"name\": \"os\", \"value\": \"linux\"}]" + (extraJson.isEmpty() ? "" : ", " + extraJson) + "}";
        return new TestTar().file("manifest", manifest).dir("rootfs");
    }

    public static TestTar image(String name) {
        return image(name, "");
    }

    public TestTar file(String name, String content) {
        return file(name, content, header -> { });
    }

    public TestTar file(String name, String content, Consumer<TarArchiveEntry> adjust) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return add(name, TarConstants.LF_NORMAL, 0644, header -> {
            header.setSize(data.length);
            adjust.accept(header);
        }, data);
    }

    public TestTar dir(String name) {
        return dir(name, header -> { });
    }

    public TestTar dir(String name, Consumer<TarArchiveEntry> adjust) {
        return add(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, 0755, adjust, new byte[0]);
    }

    public TestTar symlink(String name, String target) {
        return add(name, TarConstants.LF_SYMLINK, 0777, header -> header.setLinkName(target), new byte[0]);
    }

    public TestTar hardlink(String name, String target) {
        return add(name, TarConstants.LF_LINK, 0644, header -> header.setLinkName(target), new byte[0]);
    }

    public TestTar charDevice(String name, int major, int minor) {
        return add(name, TarConstants.LF_CHR, 0666, header -> {
            header.setDevMajor(major);
            header.setDevMinor(minor);
        }, new byte[0]);
    }

    public TestTar fifo(String name) {
        return add(name, TarConstants.LF_FIFO, 0600, header -> { }, new byte[0]);
    }

    /** Any entry; {@code adjust} may change every header field after the defaults are set. */
    public TestTar add(String name, byte type, int mode, Consumer<TarArchiveEntry> adjust, byte[] content) {
        TarArchiveEntry header = new TarArchiveEntry(name, type, true);
        header.setMode(mode);
        header.setModTime(FileTime.from(TIME));
        adjust.accept(header);
        try {
            tar.putArchiveEntry(header);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
