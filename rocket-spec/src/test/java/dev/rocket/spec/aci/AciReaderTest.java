package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AciReaderTest {

    private static SpecException refused(byte[] archive) {
        return assertThrows(SpecException.class, () -> AciReader.imageId(new ByteArrayInputStream(archive)));
    }

    private static void assertRefused(byte[] archive, String path, String fragment) {
        SpecException e = refused(archive);
        assertEquals(1, e.violations().size(), e.getMessage());
        assertEquals(path, e.violations().getFirst().path(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(AciCompression.class)
    void readsEveryCompressionByContent(AciCompression compression) throws Exception {
        byte[] plain = new TestArchives().manifest().dir("rootfs").file("rootfs/hello", "hi").bytes();
        List<String> names = new ArrayList<>();
        try (AciReader reader = AciReader.open(new ByteArrayInputStream(TestArchives.compress(plain, compression)))) {
            assertEquals(compression, reader.compression());
            for (AciEntry entry; (entry = reader.next()) != null; ) {
                names.add(entry.name());
                if (entry.name().equals("rootfs/hello")) {
                    assertEquals("hi", new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
                    assertEquals("/hello", entry.pathInRootfs());
                }
            }
            assertEquals(List.of("manifest", "rootfs", "rootfs/hello"), names);
            assertArrayEquals(TestArchives.MANIFEST.getBytes(StandardCharsets.UTF_8), reader.manifest());
            assertEquals(AciReader.imageId(new ByteArrayInputStream(plain)), reader.imageId());
        }
    }

    @Test
    void normalisesDotSlashAndTrailingSlashes() throws Exception {
        byte[] archive = new TestArchives().file("./manifest", TestArchives.MANIFEST).dir("./rootfs/").dir("rootfs//etc/")
                .bytes();
        try (AciReader reader = AciReader.open(new ByteArrayInputStream(archive))) {
            List<String> names = new ArrayList<>();
            for (AciEntry entry; (entry = reader.next()) != null; ) names.add(entry.name());
            assertEquals(List.of("manifest", "rootfs", "rootfs/etc"), names);
        }
    }

    @Test
    void refusesAbsoluteNames() throws IOException {
        assertRefused(new TestArchives().manifest().file("/rootfs/etc/passwd", "x").bytes(), "/rootfs/etc/passwd", "absolute");
    }

    @Test
    void refusesDotDotComponents() throws IOException {
        assertRefused(new TestArchives().manifest().file("rootfs/../../escape", "x").bytes(), "rootfs/../../escape", "\"..\"");
    }

    @Test
    void refusesDuplicateEntries() throws IOException {
        assertRefused(new TestArchives().manifest().dir("rootfs").file("rootfs/a", "1").file("./rootfs/a", "2").bytes(),
                "rootfs/a", "twice");
    }

    @Test
    void refusesExtraTopLevelFiles() throws IOException {
        assertRefused(new TestArchives().manifest().dir("rootfs").file("README", "x").bytes(), "README", "only \"manifest\" and \"rootfs\"");
    }

    @Test
    void refusesManifestThatIsADirectory() throws IOException {
        assertRefused(new TestArchives().dir("manifest").dir("rootfs").bytes(), "manifest", "regular file");
    }

    @Test
    void refusesMissingManifest() throws IOException {
        assertRefused(new TestArchives().dir("rootfs").file("rootfs/a", "1").bytes(), "manifest", "no manifest");
    }

    @Test
    void refusesHardLinksOutOfRootfs() throws IOException {
        assertRefused(new TestArchives().manifest().dir("rootfs").link("rootfs/passwd", "../etc/passwd", TarConstants.LF_LINK).bytes(),
                "rootfs/passwd", "inside rootfs");
        assertRefused(new TestArchives().manifest().dir("rootfs").link("rootfs/m", "manifest", TarConstants.LF_LINK).bytes(),
                "rootfs/m", "inside rootfs");
        assertRefused(new TestArchives().manifest().dir("rootfs").link("rootfs/x", "rootfs/later", TarConstants.LF_LINK).bytes(),
                "rootfs/x", "earlier entry");
    }

    @Test
    void keepsAbsoluteSymlinkTargetsAsContent() throws Exception {
        byte[] archive = new TestArchives().manifest().dir("rootfs").link("rootfs/sh", "/bin/busybox", TarConstants.LF_SYMLINK).bytes();
        try (AciReader reader = AciReader.open(new ByteArrayInputStream(archive))) {
            AciEntry entry;
            do entry = reader.next(); while (!entry.name().equals("rootfs/sh"));
            assertEquals(AciEntry.Type.SYMLINK, entry.type());
            assertEquals("/bin/busybox", entry.linkTarget().orElseThrow());
        }
    }

    @Test
    void refusesTooLargeManifest() throws IOException {
        assertRefused(new TestArchives().file("manifest", "x".repeat(AciReader.MAX_MANIFEST_BYTES + 1)).bytes(), "manifest", "is not a manifest");
    }

    @ParameterizedTest
    @EnumSource(value = AciCompression.class, names = {"GZIP", "BZIP2", "XZ"})
    void refusesTruncatedCompressedStreams(AciCompression compression) throws IOException {
        byte[] plain = new TestArchives().manifest().dir("rootfs").file("rootfs/big", "y".repeat(200_000)).bytes();
        byte[] compressed = TestArchives.compress(plain, compression);
        assertRefused(Arrays.copyOf(compressed, compressed.length / 2), "archive", "truncated or corrupt");
    }

    @ParameterizedTest
    @EnumSource(value = AciCompression.class, names = {"GZIP", "BZIP2", "XZ"})
    void refusesCorruptCompressedStreams(AciCompression compression) throws IOException {
        byte[] plain = new TestArchives().manifest().dir("rootfs").file("rootfs/big", "z".repeat(50_000)).bytes();
        byte[] compressed = TestArchives.compress(plain, compression);
        for (int i = compressed.length / 3; i < compressed.length / 3 + 16; i++) compressed[i] ^= 0x5a;
        // Depending on the damage, the decompressor fails (a checksum, a bad block) or first yields garbage
        // that breaks an archive rule; either way the archive is refused.
        refused(compressed);
    }

    @Test
    void refusesTruncatedTar() throws IOException {
        byte[] plain = new TestArchives().manifest().dir("rootfs").file("rootfs/big", "q".repeat(10_000)).bytes();
        assertRefused(Arrays.copyOf(plain, 4000), "archive", "truncated or corrupt");
    }

    @Test
    void refusesGarbage() {
        assertRefused("this is not an archive at all, not even close to one; ".repeat(20).getBytes(StandardCharsets.UTF_8),
                "archive", "truncated or corrupt");
    }
}
