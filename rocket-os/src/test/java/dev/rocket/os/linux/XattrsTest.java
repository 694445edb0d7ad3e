package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs root for the trusted. namespace and a file system with extended attributes under the temp dir. */
class XattrsTest {

    @TempDir
    Path dir;

    @Test
    void setsListsGetsAndRemovesUserAndTrustedAttributes() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        byte[] binary = {0, 1, 2, (byte) 0xff};

        Xattrs.set(file, "user.rocket.label", "café".getBytes(StandardCharsets.UTF_8));
        Xattrs.set(file, "trusted.overlay.opaque", binary);

        assertEquals(List.of("trusted.overlay.opaque", "user.rocket.label"), Xattrs.list(file).stream().sorted().toList());
        assertEquals("café", new String(Xattrs.get(file, "user.rocket.label").orElseThrow(), StandardCharsets.UTF_8));
        assertArrayEquals(binary, Xattrs.get(file, "trusted.overlay.opaque").orElseThrow());

        Xattrs.remove(file, "user.rocket.label");

        assertEquals(List.of("trusted.overlay.opaque"), Xattrs.list(file));
        assertTrue(Xattrs.get(file, "user.rocket.label").isEmpty());
    }

    @Test
    void anEmptyValueAndAFileWithoutAttributes() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));
        assertEquals(List.of(), Xattrs.list(file));

        Xattrs.set(file, "user.empty", new byte[0]);

        assertArrayEquals(new byte[0], Xattrs.get(file, "user.empty").orElseThrow());
    }

    @Test
    void actsOnASymbolicLinkItselfInTheTrustedNamespace() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        Xattrs.set(link, "trusted.rocket", new byte[]{7});

        assertArrayEquals(new byte[]{7}, Xattrs.get(link, "trusted.rocket").orElseThrow());
        assertTrue(Xattrs.get(target, "trusted.rocket").isEmpty());
    }

    @Test
    void userAttributesOnALinkAreNotPermitted() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createFile(dir.resolve("target")));

        LinuxException e = assertThrows(LinuxException.class, () -> Xattrs.set(link, "user.x", new byte[]{1}));

        assertEquals(Errno.EPERM, e.errno());
        assertEquals("lsetxattr", e.call());
        assertEquals(link.toString(), e.path().orElseThrow());
        assertEquals("lsetxattr(\"" + link + "\", \"user.x\", 1 bytes): EPERM (Operation not permitted)", e.getMessage());
    }

    @Test
    void removingAMissingAttributeFailsWithEnodata() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));

        LinuxException e = assertThrows(LinuxException.class, () -> Xattrs.remove(file, "user.none"));

        assertTrue(e.is(Errno.ENODATA));
    }

    @Test
    void aNulInsideANameIsRefusedBeforeTheKernelSeesIt() throws Exception {
        Path file = Files.createFile(dir.resolve("file"));

        assertThrows(IllegalArgumentException.class, () -> Xattrs.set(file, "user.a\0b", new byte[0]));
    }
}
