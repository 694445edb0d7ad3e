package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.schema.ImageManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AciConverterTest {

    @TempDir
    Path dir;

    private static final ImageNaming NAMING = new ImageNaming("127.0.0.1:5000", "test/App", Optional.of("v1"), Optional.empty());

    @Test
    void appliesLayersWithWhiteoutsOpaqueDirectoriesAndEveryCompression() throws Exception {
        TestLayer base = new TestLayer().dir("etc").file("etc/a", "a1").file("etc/b", "b1").dir("opq")
                .file("opq/x", "x").dir("gone").file("gone/y", "y").file("f", "old").dir("d").file("d/inner", "i")
                .symlink("link", "/etc/b").hardlink("etc/b2", "etc/b");
        TestLayer middle = new TestLayer().whiteout("etc/a").opaque("opq").file("opq/z", "z").whiteout("gone")
                .file("f", "new").file("d", "now a file");
        TestLayer top = new TestLayer().dir("gone").file("gone/again", "back");
        ImageContent image = image(List.of(base, middle, top),
                List.of(TestLayer.Compression.GZIP, TestLayer.Compression.ZSTD, TestLayer.Compression.NONE),
                "{\"Entrypoint\":[\"/bin/sh\",\"-c\"],\"Cmd\":[\"echo hi\"],\"Env\":[\"PATH=/bin\",\"A=b=c\"],"
                        + "\"WorkingDir\":\"/work\",\"User\":\"nobody:nogroup\",\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{}},"
                        + "\"Volumes\":{\"/var/data\":{}}}", true);

        AciConverter.Converted converted = AciConverter.convert(image, dir.resolve("out.aci"));

        Map<String, String> rootfs = rootfs(converted.aci());
        assertEquals("file:b1", rootfs.get("/etc/b"));
        assertFalse(rootfs.containsKey("/etc/a"), "whited out");
        assertEquals("file:z", rootfs.get("/opq/z"));
        assertFalse(rootfs.containsKey("/opq/x"), "hidden by the opaque directory");
        assertEquals("directory", rootfs.get("/opq"));
        assertFalse(rootfs.containsKey("/gone/y"), "whited out with its directory");
        assertEquals("file:back", rootfs.get("/gone/again"), "a layer above a whiteout brings the path back");
        assertEquals("file:new", rootfs.get("/f"));
        assertEquals("file:now a file", rootfs.get("/d"));
        assertFalse(rootfs.containsKey("/d/inner"), "a file above hides a directory's contents");
        assertEquals("symlink:/etc/b", rootfs.get("/link"));
        assertEquals("hardlink:rootfs/etc/b", rootfs.get("/etc/b2"));

        ImageManifest manifest = converted.manifest();
        assertEquals("127.0.0.1_5000/test/app", manifest.name().value());
        assertEquals(Optional.of("v1"), manifest.labels().get("version"));
        assertEquals(Optional.of("linux"), manifest.labels().get("os"));
        assertEquals(Optional.of("amd64"), manifest.labels().get("arch"));
        App app = manifest.app().orElseThrow();
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), app.exec().args());
        assertEquals(Optional.of("b=c"), app.environment().get("A"));
        assertEquals(Optional.of("/work"), app.workingDirectory());
        assertEquals("nobody", app.user());
        assertEquals("nogroup", app.group());
        assertEquals(List.of("53-udp", "80-tcp"), app.ports().stream().map(p -> p.name().value()).sorted().toList());
        assertEquals("volume-var-data", app.mountPoints().getFirst().name().value());
        assertEquals("/var/data", app.mountPoints().getFirst().path());
    }

    @Test
    void anEntryLeavingTheRootfsIsRefused() throws Exception {
        ImageContent image = image(List.of(new TestLayer().file("../../etc/evil", "x")),
                List.of(TestLayer.Compression.GZIP), "{}", false);
        RocketException e = assertThrows(RocketException.class, () -> AciConverter.convert(image, dir.resolve("out.aci")));
        assertEquals(RocketException.Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("escapes the root filesystem"), e.getMessage());
    }

    @Test
    void anEntryBelowItsOwnLayersSymlinkIsRefused() throws Exception {
        ImageContent image = image(List.of(new TestLayer().symlink("etc", "/host-etc").file("etc/passwd", "x")),
                List.of(TestLayer.Compression.NONE), "{}", false);
        RocketException e = assertThrows(RocketException.class, () -> AciConverter.convert(image, dir.resolve("out.aci")));
        assertTrue(e.getMessage().contains("below its own symlink"), e.getMessage());
    }

    @Test
    void anUncompressedDigestMismatchIsRefused() throws Exception {
        TestLayer layer = new TestLayer().file("a", "a");
        byte[] blob = layer.blob(TestLayer.Compression.GZIP);
        Path file = Files.write(dir.resolve("layer"), blob);
        String wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8)).toString();
        byte[] config = ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + wrong + "\"]}}").getBytes(StandardCharsets.UTF_8);
        ImageContent image = new ImageContent(NAMING, config, Digest.sha256(config),
                List.of(new LayerFile(file, Digest.sha256(blob), Optional.empty())));
        RocketException e = assertThrows(RocketException.class, () -> AciConverter.convert(image, dir.resolve("out.aci")));
        assertEquals(RocketException.Kind.VERIFICATION_FAILED, e.kind());
    }

    private ImageContent image(List<TestLayer> layers, List<TestLayer.Compression> compressions, String config,
                               boolean withDiffIds) throws Exception {
        List<LayerFile> files = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            byte[] tar = layers.get(i).tar();
            byte[] blob = layers.get(i).blob(compressions.get(i));
            Path file = Files.write(dir.resolve("layer" + i), blob);
            files.add(new LayerFile(file, Digest.sha256(blob), Optional.empty()));
            diffIds.add("\"" + Digest.sha256(tar) + "\"");
        }
        String json = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":" + config
                + (withDiffIds ? ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}" : "") + "}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new ImageContent(NAMING, bytes, Digest.sha256(bytes), files);
    }

    private static Map<String, String> rootfs(Path aci) throws Exception {
        try (InputStream in = Files.newInputStream(aci)) {
            return TestImages.rootfs(in);
        }
    }
}
