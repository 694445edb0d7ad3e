package dev.rocket.store.extract;

import dev.rocket.base.RocketException;
import dev.rocket.spec.aci.AciBuilder;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.aci.XattrReader;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageRecordInfo;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile archives never touch anything outside the target; good ones come out with every attribute. */
class SafeExtractorTest {

    static final String MANIFEST = """
            {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/%s",
             "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}]%s}
            """;

    @TempDir
    Path tmp;

    Path outside;
    Path target;

    @BeforeEach
    void sentinel() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("sentinel"), "untouched");
        target = tmp.resolve("target");
    }

    /** A tar written entry by entry, hostile ones included. */
    private static final class Tar {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Tar entry(String name, byte flag, String linkOrContent) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
            byte[] data = new byte[0];
            if (flag == TarConstants.LF_SYMLINK || flag == TarConstants.LF_LINK) entry.setLinkName(linkOrContent);
            else if (flag == TarConstants.LF_NORMAL) data = linkOrContent.getBytes(StandardCharsets.UTF_8);
            entry.setSize(data.length);
            entry.setMode(flag == TarConstants.LF_DIR ? 0755 : 0644);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        Tar file(String name, String content) throws IOException {
            return entry(name, TarConstants.LF_NORMAL, content);
        }

        byte[] done() throws IOException {
            tar.close();
            return bytes.toByteArray();
        }

        static Tar image() throws IOException {
            return new Tar().file("manifest", MANIFEST.formatted("evil", "")).entry("rootfs/", TarConstants.LF_DIR, "");
        }
    }

    private void extract(byte[] archive) throws Exception {
        Files.createDirectories(target);
        try (AciReader reader = AciReader.open(new ByteArrayInputStream(archive))) {
            new SafeExtractor(true).extract(reader, target, (path, dir) -> true);
        }
    }

    private void assertOutsideUntouched() throws IOException {
        try (var files = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("sentinel")), files.toList());
        }
        assertEquals("untouched", Files.readString(outside.resolve("sentinel")));
    }

    @Test
    void writingThroughASymlinkOfTheSameArchiveIsRefused() throws Exception {
        byte[] archive = Tar.image().entry("rootfs/evil", TarConstants.LF_SYMLINK, outside.toString())
                .file("rootfs/evil/sentinel", "overwritten").file("rootfs/evil/new", "planted").done();
        assertThrows(RocketException.class, () -> extract(archive));
        assertOutsideUntouched();
    }

    @Test
    void relativeSymlinkEscapesAreNeverFollowed() throws Exception {
        byte[] archive = Tar.image().entry("rootfs/up", TarConstants.LF_SYMLINK, "../../../../../../../../" + outside)
                .file("rootfs/up/new", "planted").done();
        assertThrows(RocketException.class, () -> extract(archive));
        assertOutsideUntouched();
    }

    @Test
    void hardLinksOutOfTheImageAreRefused() throws Exception {
        for (String link : new String[]{"../outside/sentinel", outside.resolve("sentinel").toString(), "rootfs/../../outside/sentinel"}) {
            byte[] archive = Tar.image().entry("rootfs/link", TarConstants.LF_LINK, link).done();
            assertThrows(Exception.class, () -> extract(archive), link);
            assertOutsideUntouched();
        }
    }

    @Test
    void aHardLinkThroughAnImageSymlinkIsRefused() throws Exception {
        Files.writeString(outside.resolve("secret"), "s");
        byte[] archive = Tar.image().entry("rootfs/dir", TarConstants.LF_SYMLINK, outside.toString())
                .entry("rootfs/link", TarConstants.LF_LINK, "rootfs/dir/secret").done();
        assertThrows(Exception.class, () -> extract(archive));
        Files.delete(outside.resolve("secret"));
        assertOutsideUntouched();
    }

    @Test
    void absoluteAndDotDotNamesAreRefused() throws Exception {
        for (String name : new String[]{"/rootfs/x", "rootfs/../../x", "../x"}) {
            byte[] archive = Tar.image().file(name, "x").done();
            assertThrows(Exception.class, () -> extract(archive), name);
        }
        assertOutsideUntouched();
    }

    @Test
    void laterLayersReplaceSymlinksInsteadOfFollowingThem() throws Exception {
        extract(Tar.image().entry("rootfs/lib", TarConstants.LF_SYMLINK, outside.toString()).done());
        assertTrue(Files.isSymbolicLink(target.resolve("lib")));
        extract(Tar.image().entry("rootfs/lib/", TarConstants.LF_DIR, "").file("rootfs/lib/libc.so", "c").done());
        assertTrue(Files.isDirectory(target.resolve("lib"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("c", Files.readString(target.resolve("lib/libc.so")));
        extract(Tar.image().file("rootfs/lib/libm.so", "m").done());
        assertOutsideUntouched();
    }

    @Test
    void keepsOwnersModesDevicesFifosXattrsAndTimes() throws Exception {
        Path layout = Files.createDirectories(tmp.resolve("layout/rootfs/bin")).getParent().getParent();
        Files.writeString(layout.resolve("manifest"), MANIFEST.formatted("rich", ""));
        Path rootfs = layout.resolve("rootfs");
        Files.writeString(rootfs.resolve("bin/tool"), "tool");
        run("chown", "1234:5678", rootfs.resolve("bin/tool").toString());
        run("chmod", "4755", rootfs.resolve("bin/tool").toString());
        Files.createLink(rootfs.resolve("bin/tool2"), rootfs.resolve("bin/tool"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("/bin/busybox"));
        run("mknod", "-m", "0666", rootfs.resolve("null").toString(), "c", "1", "3");
        run("mkfifo", rootfs.resolve("pipe").toString());
        run("setfattr", "-n", "user.note", "-v", "kept", rootfs.resolve("bin/tool").toString());
        run("touch", "-d", "2021-01-02T03:04:05Z", rootfs.resolve("bin").toString());
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        new AciBuilder(XattrReader.userNamespace()).build(layout, archive, AciCompression.GZIP);
        extract(archive.toByteArray());

        Map<String, Object> tool = Files.readAttributes(target.resolve("bin/tool"), "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(1234, tool.get("uid"));
        assertEquals(5678, tool.get("gid"));
        assertEquals(04755, (Integer) tool.get("mode") & 07777);
        assertEquals(2, tool.get("nlink"));
        assertEquals("kept", output("getfattr", "--only-values", "-n", "user.note", target.resolve("bin/tool").toString()));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(target.resolve("bin/sh")));
        Map<String, Object> devNull = Files.readAttributes(target.resolve("null"), "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, (Integer) devNull.get("mode") & 0170000);
        assertEquals(0010000, (Integer) Files.getAttribute(target.resolve("pipe"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000);
        assertEquals(java.time.Instant.parse("2021-01-02T03:04:05Z"), Files.getLastModifiedTime(target.resolve("bin")).toInstant());
    }

    @Test
    void rendersDependenciesInOrderWithWhitelistsIntoAFreshDirectory() throws Exception {
        try (ImageStore store = ImageStore.open(new StoreLayout(tmp.resolve("store")))) {
            store(store, "base", "", Map.of("etc/os", "base", "etc/keep", "base", "etc/drop", "base"));
            store(store, "middle", ", \"dependencies\": [{\"imageName\": \"example.com/base\"}]", Map.of("etc/os", "middle"));
            ImageId app = store(store, "app", ", \"dependencies\": [{\"imageName\": \"example.com/middle\"}],"
                    + " \"pathWhitelist\": [\"/etc/os\", \"/etc/keep\", \"/app\"]", Map.of("app", "app"));
            Path out = tmp.resolve("rendered");
            new ImageRenderer(store, new SafeExtractor(true)).write(app, out, ImageRenderer.Mode.RENDER, false, false);
            assertEquals("middle", Files.readString(out.resolve("rootfs/etc/os")));
            assertEquals("base", Files.readString(out.resolve("rootfs/etc/keep")));
            assertFalse(Files.exists(out.resolve("rootfs/etc/drop")));
            assertEquals("app", Files.readString(out.resolve("rootfs/app")));
            assertTrue(Files.readString(out.resolve("manifest")).contains("example.com/app"));

            Path own = tmp.resolve("extracted");
            new ImageRenderer(store, new SafeExtractor(true)).write(app, own, ImageRenderer.Mode.EXTRACT, true, false);
            assertEquals(List.of(own.resolve("app")), Files.list(own).toList());
            assertThrows(RocketException.class,
                    () -> new ImageRenderer(store, new SafeExtractor(true)).write(app, own, ImageRenderer.Mode.EXTRACT, true, false));

            ImageId orphan = store(store, "orphan", ", \"dependencies\": [{\"imageName\": \"example.com/missing\"}]", Map.of());
            RocketException missing = assertThrows(RocketException.class, () ->
                    new ImageRenderer(store, new SafeExtractor(true)).write(orphan, tmp.resolve("o"), ImageRenderer.Mode.RENDER, false, false));
            assertTrue(missing.getMessage().contains("example.com/missing"), missing.getMessage());
            assertFalse(Files.exists(tmp.resolve("o")));
            try (var left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList());
            }
        }
    }

    private ImageId store(ImageStore store, String name, String extra, Map<String, String> files) throws Exception {
        Path layout = Files.createDirectories(tmp.resolve("img-" + name + "/rootfs")).getParent();
        Files.writeString(layout.resolve("manifest"), MANIFEST.formatted(name, extra));
        for (var file : files.entrySet()) {
            Path path = layout.resolve("rootfs").resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new AciBuilder(XattrReader.none()).build(layout, tar, AciCompression.NONE);
        return store.write(new ByteArrayInputStream(tar.toByteArray()),
                ImageRecordInfo.of(new AcIdentifier("example.com/" + name), Map.of()));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command));
        return out;
    }
}
