package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs root to give files away. */
class FileMetadataTest {

    @TempDir
    Path dir;

    @Test
    void lchownChangesTheLinkNotItsTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        FileMetadata.lchown(link, 1234, 5678);

        assertEquals(1234, Files.getAttribute(link, "unix:uid", NOFOLLOW_LINKS));
        assertEquals(5678, Files.getAttribute(link, "unix:gid", NOFOLLOW_LINKS));
        assertEquals(0, Files.getAttribute(target, "unix:uid"));
    }

    @Test
    void chownAtFollowsTheLinkUnlessToldNotTo() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        try (Fd directory = FileDescriptors.open(dir, Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_CLOEXEC))) {
            FileMetadata.chownAt(directory, "link", 11, 12, NOFOLLOW_LINKS);
            FileMetadata.chownAt(directory, "link", 21, 22);
        }

        assertEquals(11, Files.getAttribute(link, "unix:uid", NOFOLLOW_LINKS));
        assertEquals(21, Files.getAttribute(target, "unix:uid"));
        assertEquals(22, Files.getAttribute(target, "unix:gid"));
    }

    @Test
    void setsTheTimesOfALinkItselfToTheNanosecond() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        FileTime targetBefore = Files.getLastModifiedTime(target);
        Instant modified = Instant.parse("2016-05-04T03:02:01.123456789Z");
        Instant accessed = Instant.parse("2017-01-01T00:00:00.000000001Z");

        FileMetadata.setTimes(link, accessed, modified, NOFOLLOW_LINKS);

        assertEquals(modified, Files.getLastModifiedTime(link, NOFOLLOW_LINKS).toInstant());
        assertEquals(accessed, ((FileTime) Files.getAttribute(link, "unix:lastAccessTime", NOFOLLOW_LINKS)).toInstant());
        assertEquals(targetBefore, Files.getLastModifiedTime(target));
    }

    @Test
    void aNullTimeIsLeftAsItWas() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        Instant accessed = Instant.parse("2001-02-03T04:05:06Z");
        FileTime modifiedBefore = Files.getLastModifiedTime(file);

        try (Fd directory = FileDescriptors.open(dir, Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_CLOEXEC))) {
            FileMetadata.setTimesAt(directory, "file", accessed, null);
        }

        assertEquals(modifiedBefore, Files.getLastModifiedTime(file));
        assertEquals(accessed, ((FileTime) Files.getAttribute(file, "unix:lastAccessTime")).toInstant());
    }

    @Test
    void chmodSetsPermissionsAndSpecialBits() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));

        FileMetadata.chmod(file, 04750, NOFOLLOW_LINKS);

        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(04750, (int) Files.getAttribute(file, "unix:mode") & 07777);
    }

    @Test
    void chmodWithoutNoFollowActsOnTheTargetAndNamesAMissingFile() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        FileMetadata.chmod(link, 02711);

        assertEquals(02711, (int) Files.getAttribute(target, "unix:mode") & 07777);
        Path missing = dir.resolve("missing");
        LinuxException e = assertThrows(LinuxException.class, () -> FileMetadata.chmod(missing, 0600));
        assertTrue(e.is(Errno.ENOENT), e.getMessage());
        assertTrue(e.getMessage().startsWith("fchmodat(\"" + missing + "\", 0600, 0)"), e.getMessage());
    }

    @Test
    void chmodOfALinkItselfIsNotSupported() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createFile(dir.resolve("target")));

        LinuxException e = assertThrows(LinuxException.class, () -> FileMetadata.chmod(link, 0600, NOFOLLOW_LINKS));

        assertTrue(e.is(Errno.EOPNOTSUPP), e.getMessage());
        assertTrue(e.getMessage().startsWith("fchmodat(\"" + link + "\", 0600, AT_SYMLINK_NOFOLLOW)"), e.getMessage());
    }

    @Test
    void aMissingFileFailsWithEnoentAndItsPath() throws Exception {
        Path missing = dir.resolve("missing");

        LinuxException e = assertThrows(LinuxException.class, () -> FileMetadata.lchown(missing, 1, 1));

        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(missing.toString(), e.path().orElseThrow());
        assertEquals("lchown(\"" + missing + "\", 1, 1): ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void chownAtNamesTheFullPathInErrors() throws Exception {
        try (Fd directory = FileDescriptors.open(dir, Set.of(OpenFlag.O_DIRECTORY, OpenFlag.O_CLOEXEC))) {
            LinuxException e = assertThrows(LinuxException.class,
                    () -> FileMetadata.chownAt(directory, "gone", 1, 1, LinkOption.NOFOLLOW_LINKS));
            assertEquals(dir.resolve("gone").toString(), e.path().orElseThrow());
        }
    }
}
