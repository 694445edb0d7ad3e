package dev.rocket.store.extract;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.DeviceNumber;
import dev.rocket.os.linux.Xattrs;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.TestTar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ArchiveExtractorTest {

    @TempDir
    Path work;

    private Path outside;
    private Path target;

    @BeforeEach
    void sentinel() throws IOException {
        outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "sentinel");
        target = work.resolve("target");
    }

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                Arguments.of("write through an absolute symlink", (Hostile) outside -> TestTar.image("example.com/evil")
                        .symlink("rootfs/evil", outside.toString()).file("rootfs/evil/file", "pwned"), "symlink"),
                Arguments.of("write through a relative symlink out", (Hostile) outside -> TestTar.image("example.com/evil")
                        .symlink("rootfs/link", "../../..").file("rootfs/link/outside/pwned", "pwned"), "symlink"),
                Arguments.of("directory below a symlink", (Hostile) outside -> TestTar.image("example.com/evil")
                        .symlink("rootfs/evil", outside.toString()).dir("rootfs/evil/sub"), "symlink"),
                Arguments.of("directory after a symlink of the same name", (Hostile) outside -> TestTar.image("example.com/evil")
                        .symlink("rootfs/evil", outside.toString()).dir("rootfs/evil"), "twice"),
                Arguments.of("hard link to an absolute path", (Hostile) outside -> TestTar.image("example.com/evil")
                        .hardlink("rootfs/passwd", "/etc/passwd"), "hard link"),
                Arguments.of("hard link out of the archive", (Hostile) outside -> TestTar.image("example.com/evil")
                        .hardlink("rootfs/x", "../x"), "hard link"),
                Arguments.of("hard link through a symlink", (Hostile) outside -> TestTar.image("example.com/evil")
                        .symlink("rootfs/evil", outside.toString()).hardlink("rootfs/x", "rootfs/evil/keep"), "hard link"),
                Arguments.of("file replacing a directory", (Hostile) outside -> TestTar.image("example.com/evil")
                        .file("rootfs/d/inner", "x").file("rootfs/d", "replaces the directory"), "directory"),
                Arguments.of("file replacing a directory entry", (Hostile) outside -> TestTar.image("example.com/evil")
                        .dir("rootfs/d").file("rootfs/d", "replaces the directory"), "twice"),
                Arguments.of("absolute name", (Hostile) outside -> TestTar.image("example.com/evil")
                        .file(outside.resolve("pwned").toString(), "pwned"), "absolute"),
                Arguments.of("dot-dot name", (Hostile) outside -> TestTar.image("example.com/evil")
                        .file("rootfs/../../outside/pwned", "pwned"), ".."));
    }

    @FunctionalInterface
    interface Hostile {
        TestTar build(Path outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void refusesHostileArchivesAndLeavesNothingBehind(String description, Hostile hostile, String said) throws IOException {
        ArchiveExtractor extractor = new ArchiveExtractor(Privilege.ofCurrentProcess());
        for (ExtractScope scope : ExtractScope.values()) {
            RocketException e = assertThrows(RocketException.class,
                    () -> extractor.extract(hostile.build(outside).stream(), target, scope, false));
            assertEquals(Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains(said), e.getMessage());
            assertUntouched();
        }
    }

    @Test
    void refusesDeviceNodesWhenNotRoot() throws IOException {
        TestTar image = TestTar.image("example.com/dev").dir("rootfs/dev").charDevice("rootfs/dev/null", 1, 3);
        RocketException e = assertThrows(RocketException.class, () -> new ArchiveExtractor(Privilege.UNPRIVILEGED)
                .extract(image.stream(), target, ExtractScope.IMAGE, false));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().contains("rootfs/dev/null"), e.getMessage());
        assertUntouched();
    }

    @Test
    void refusesAnExistingTargetUnlessToldToOverwrite() throws Exception {
        ArchiveExtractor extractor = new ArchiveExtractor(Privilege.ofCurrentProcess());
        extractor.extract(TestTar.image("example.com/a").file("rootfs/a", "first").stream(), target, ExtractScope.IMAGE, false);
        RocketException e = assertThrows(RocketException.class, () -> extractor.extract(
                TestTar.image("example.com/a").file("rootfs/b", "second").stream(), target, ExtractScope.IMAGE, false));
        assertEquals(Kind.ALREADY_EXISTS, e.kind());
        assertEquals("first", Files.readString(target.resolve("rootfs/a")));

        extractor.extract(TestTar.image("example.com/a").file("rootfs/b", "second").stream(), target, ExtractScope.ROOTFS_ONLY, true);
        assertEquals(List.of("b"), names(target));
        assertEquals(List.of("outside", "target"), names(work));
    }

    @Test
    void extractsTheImageLayoutOrTheRootfsOnly() throws Exception {
        byte[] tar = TestTar.image("example.com/a").dir("rootfs/etc").file("rootfs/etc/hosts", "127.0.0.1 localhost").bytes();
        ImageId id = new ArchiveExtractor(Privilege.ofCurrentProcess())
                .extract(new java.io.ByteArrayInputStream(tar), target, ExtractScope.IMAGE, false);
        assertEquals(List.of("manifest", "rootfs"), names(target));
        assertTrue(Files.readString(target.resolve("manifest")).contains("example.com/a"));
        assertEquals("127.0.0.1 localhost", Files.readString(target.resolve("rootfs/etc/hosts")));
        assertEquals(dev.rocket.spec.aci.AciReader.imageId(new java.io.ByteArrayInputStream(tar)), id);

        Path rootfsOnly = work.resolve("rootfs-only");
        new ArchiveExtractor(Privilege.ofCurrentProcess())
                .extract(new java.io.ByteArrayInputStream(tar), rootfsOnly, ExtractScope.ROOTFS_ONLY, false);
        assertEquals(List.of("etc"), names(rootfsOnly));
        assertEquals("127.0.0.1 localhost", Files.readString(rootfsOnly.resolve("etc/hosts")));
    }

    @Test
    void keepsOwnersModesDevicesFifosXattrsTimesAndHardLinksAsRoot() throws Exception {
        assumeTrue(Privilege.ofCurrentProcess() == Privilege.ROOT, "needs root");
        Instant fileTime = Instant.parse("2001-09-09T01:46:40.5Z");
        Instant linkTime = Instant.parse("2003-03-03T03:03:03Z");
        Instant dirTime = Instant.parse("2005-05-05T05:05:05Z");
        TestTar image = TestTar.image("example.com/attrs")
                .dir("rootfs/bin", h -> {
                    h.setMode(0711);
                    h.setModTime(FileTime.from(dirTime));
                })
                .file("rootfs/bin/su", "#!/bin/true", h -> {
                    h.setMode(04755);
                    h.setUserId(1000);
                    h.setGroupId(2000);
                    h.setModTime(FileTime.from(fileTime));
                    h.addPaxHeader("SCHILY.xattr.user.origin", "test");
                    h.addPaxHeader("SCHILY.xattr.trusted.rocket", "kept");
                })
                .hardlink("rootfs/bin/su-again", "rootfs/bin/su")
                .dir("rootfs/tmp", h -> h.setMode(01777))
                .dir("rootfs/dev")
                .charDevice("rootfs/dev/null", 1, 3)
                .fifo("rootfs/tmp/pipe")
                .add("rootfs/bin/sh", org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK, 0777, h -> {
                    h.setLinkName("/bin/su");
                    h.setUserId(1000);
                    h.setGroupId(1000);
                    h.setModTime(FileTime.from(linkTime));
                }, new byte[0])
                .file("rootfs/bin/sgid", "", h -> {
                    h.setMode(02755);
                    h.setGroupId(50);
                });
        new ArchiveExtractor(Privilege.ROOT).extract(image.stream(), target, ExtractScope.ROOTFS_ONLY, false);

        Path su = target.resolve("bin/su");
        Map<String, Object> attrs = Files.readAttributes(su, "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(1000, attrs.get("uid"));
        assertEquals(2000, attrs.get("gid"));
        assertEquals(0104755, attrs.get("mode"));
        assertEquals(2, attrs.get("nlink"));
        assertEquals(FileTime.from(fileTime), attrs.get("lastModifiedTime"));
        assertEquals(attrs.get("ino"), Files.getAttribute(target.resolve("bin/su-again"), "unix:ino"));
        assertArrayEquals("test".getBytes(StandardCharsets.UTF_8), Xattrs.get(su, "user.origin").orElseThrow());
        assertArrayEquals("kept".getBytes(StandardCharsets.UTF_8), Xattrs.get(su, "trusted.rocket").orElseThrow());
        assertEquals(02755, (Integer) Files.getAttribute(target.resolve("bin/sgid"), "unix:mode") & 07777);

        Path sh = target.resolve("bin/sh");
        assertEquals(Path.of("/bin/su"), Files.readSymbolicLink(sh));
        assertEquals(1000, Files.getAttribute(sh, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(FileTime.from(linkTime), Files.getLastModifiedTime(sh, LinkOption.NOFOLLOW_LINKS));

        assertEquals(0711, (Integer) Files.getAttribute(target.resolve("bin"), "unix:mode") & 07777);
        assertEquals(FileTime.from(dirTime), Files.getLastModifiedTime(target.resolve("bin")), "set after its contents");
        assertEquals(01777, (Integer) Files.getAttribute(target.resolve("tmp"), "unix:mode") & 07777);

        Map<String, Object> nul = Files.readAttributes(target.resolve("dev/null"), "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, (Integer) nul.get("mode") & 0170000, "a character device");
        assertEquals(DeviceNumber.of(1, 3), DeviceNumber.fromDev((Long) nul.get("rdev")));
        assertEquals(0010000, (Integer) Files.getAttribute(target.resolve("tmp/pipe"), "unix:mode") & 0170000, "a FIFO");
    }

    @Test
    void unprivilegedExtractionDropsSetuidAndForeignOwners() throws Exception {
        TestTar image = TestTar.image("example.com/u").file("rootfs/su", "x", h -> {
            h.setMode(04755);
            h.setUserId(1234);
        });
        new ArchiveExtractor(Privilege.UNPRIVILEGED).extract(image.stream(), target, ExtractScope.ROOTFS_ONLY, false);
        assertEquals(0755, (Integer) Files.getAttribute(target.resolve("su"), "unix:mode") & 07777);
        assertFalse(Files.getAttribute(target.resolve("su"), "unix:uid").equals(1234));
    }

    private void assertUntouched() throws IOException {
        assertEquals(List.of("keep"), names(outside));
        assertEquals("sentinel", Files.readString(outside.resolve("keep")));
        assertEquals(List.of("outside"), names(work), "no target and no staging directory is left");
        assertFalse(Files.exists(work.getParent().resolve("pwned")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
