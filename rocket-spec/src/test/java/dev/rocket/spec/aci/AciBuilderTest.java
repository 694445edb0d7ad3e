package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.ImageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds images from real directories (as root: owners, devices, xattrs) and reads them back. */
class AciBuilderTest {

    @TempDir
    Path tmp;

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command));
        return output;
    }

    private Path richLayout() throws Exception {
        Path layout = TestArchives.layout(tmp.resolve("image"));
        Path rootfs = layout.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.writeString(rootfs.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
        run("chown", "1234:5678", rootfs.resolve("bin/tool").toString());
        run("chmod", "4755", rootfs.resolve("bin/tool").toString());
        Files.createLink(rootfs.resolve("bin/tool-link"), rootfs.resolve("bin/tool"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("/bin/busybox"));
        Files.createDirectories(rootfs.resolve("dev"));
        run("mknod", "-m", "0666", rootfs.resolve("dev/null").toString(), "c", "1", "3");
        run("mkfifo", "-m", "0600", rootfs.resolve("dev/pipe").toString());
        Files.createDirectories(rootfs.resolve("tmp"));
        run("chmod", "1777", rootfs.resolve("tmp").toString());
        Files.writeString(rootfs.resolve("tmp/data"), "data");
        run("setfattr", "-n", "user.comment", "-v", "kept", rootfs.resolve("tmp/data").toString());
        Files.setLastModifiedTime(rootfs.resolve("tmp/data"), FileTime.from(Instant.parse("2020-02-03T04:05:06Z")));
        return layout;
    }

    private static Map<String, AciEntry> read(byte[] archive) throws SpecException {
        Map<String, AciEntry> entries = new LinkedHashMap<>();
        try (AciReader reader = AciReader.open(new ByteArrayInputStream(archive))) {
            for (AciEntry entry; (entry = reader.next()) != null; ) entries.put(entry.name(), entry);
        }
        return entries;
    }

    @Test
    void keepsEveryFileAttribute() throws Exception {
        Path layout = richLayout();
        XattrReader withCapability = file -> {
            Map<String, byte[]> xattrs = new HashMap<>(XattrReader.userNamespace().read(file));
            if (file.endsWith("tool")) xattrs.put("security.capability", new byte[]{1, 0, 0, 2, (byte) 0xff, 0, 0, 0});
            return xattrs;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AciBuilder(withCapability).build(layout, out, AciCompression.NONE);
        Map<String, AciEntry> entries = read(out.toByteArray());

        assertEquals(List.of("manifest", "rootfs", "rootfs/bin", "rootfs/bin/sh", "rootfs/bin/tool", "rootfs/bin/tool-link",
                "rootfs/dev", "rootfs/dev/null", "rootfs/dev/pipe", "rootfs/tmp", "rootfs/tmp/data"), List.copyOf(entries.keySet()));
        AciEntry tool = entries.get("rootfs/bin/tool");
        assertEquals(AciEntry.Type.FILE, tool.type());
        assertEquals(04755, tool.mode());
        assertEquals(1234, tool.uid());
        assertEquals(5678, tool.gid());
        assertArrayEquals(new byte[]{1, 0, 0, 2, (byte) 0xff, 0, 0, 0}, tool.xattrs().get("security.capability"));
        AciEntry link = entries.get("rootfs/bin/tool-link");
        assertEquals(AciEntry.Type.HARDLINK, link.type());
        assertEquals("rootfs/bin/tool", link.linkTarget().orElseThrow());
        assertEquals("/bin/busybox", entries.get("rootfs/bin/sh").linkTarget().orElseThrow());
        AciEntry devNull = entries.get("rootfs/dev/null");
        assertEquals(AciEntry.Type.CHAR_DEVICE, devNull.type());
        assertEquals(1, devNull.devMajor());
        assertEquals(3, devNull.devMinor());
        assertEquals(0666, devNull.mode());
        assertEquals(AciEntry.Type.FIFO, entries.get("rootfs/dev/pipe").type());
        assertEquals(01777, entries.get("rootfs/tmp").mode());
        AciEntry data = entries.get("rootfs/tmp/data");
        assertEquals(Instant.parse("2020-02-03T04:05:06Z"), data.modified());
        assertArrayEquals("kept".getBytes(StandardCharsets.UTF_8), data.xattrs().get("user.comment"));
        assertEquals(4, data.size());
    }

    @ParameterizedTest
    @EnumSource(AciCompression.class)
    void imageIdIsSha512sumOfTheUncompressedTar(AciCompression compression) throws Exception {
        Path layout = richLayout();
        Path aci = tmp.resolve("image.aci");
        ImageId id;
        try (OutputStream out = Files.newOutputStream(aci)) {
            id = new AciBuilder(XattrReader.userNamespace()).build(layout, out, compression);
        }
        String decompress = switch (compression) {
            case NONE -> "cat";
            case GZIP -> "gzip -dc";
            case BZIP2 -> "bzip2 -dc";
            case XZ -> "xz -dc";
        };
        String sha512sum = output("sh", "-c", decompress + " '" + aci + "' | sha512sum").split(" ")[0];
        assertEquals("sha512-" + sha512sum, id.value());
        try (var in = Files.newInputStream(aci)) {
            assertEquals(id, AciReader.imageId(in));
        }
    }

    @Test
    void sameDirectoryGivesSameImageId() throws Exception {
        Path layout = richLayout();
        AciBuilder builder = new AciBuilder(XattrReader.userNamespace());
        assertEquals(builder.build(layout, OutputStream.nullOutputStream(), AciCompression.GZIP),
                builder.build(layout, OutputStream.nullOutputStream(), AciCompression.NONE));
    }

    @Test
    void gnuTarReadsWhatItWrites() throws Exception {
        Path layout = richLayout();
        Path aci = tmp.resolve("image.aci");
        try (OutputStream out = Files.newOutputStream(aci)) {
            new AciBuilder(XattrReader.userNamespace()).build(layout, out, AciCompression.XZ);
        }
        String listing = output("tar", "-tvJf", aci.toString());
        assertTrue(listing.contains("rwsr-xr-x 1234/5678"), listing);
        assertTrue(listing.contains("rootfs/bin/tool-link link to rootfs/bin/tool"), listing);
        assertTrue(listing.contains("rootfs/bin/sh -> /bin/busybox"), listing);
    }

    @Test
    void refusesSocketsAndInvalidLayouts() throws Exception {
        Path layout = TestArchives.layout(tmp.resolve("bad"));
        Files.writeString(layout.resolve("README"), "not allowed here");
        SpecException e = assertThrows(SpecException.class,
                () -> new AciBuilder(XattrReader.none()).build(layout, OutputStream.nullOutputStream(), AciCompression.NONE));
        assertEquals("README", e.violations().getFirst().path());
    }
}
