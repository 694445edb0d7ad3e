package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rkt fetch} of OCI images goes to rocket-docker: an OCI layout made by the test with the real tar. */
class FetchDockerCommandTest {

    @TempDir
    Path dir;

    @Test
    void fetchesAnOciLayoutWithInsecureImageAndListsIt() throws Exception {
        Path layout = ociLayout();
        CliRun run = rkt("--insecure-options=image", "fetch", "oci:" + layout + ":v1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("sha512-[0-9a-f]{32}\n"), run.out());
        assertTrue(run.err().contains("image signature verification has been disabled"), run.err());
        CliRun list = rkt("image", "list");
        assertTrue(list.out().contains("layout:v1"), list.out());
    }

    @Test
    void refusesADockerImageWithoutInsecureImage() throws Exception {
        CliRun run = rkt("fetch", "oci:" + ociLayout() + ":v1");
        assertEquals(254, run.exitCode());
        assertTrue(run.err().startsWith("rkt: ") && run.err().contains("--insecure-options=image"), run.err());
    }

    private CliRun rkt(String... args) {
        List<String> all = new ArrayList<>(List.of("--dir=" + dir.resolve("data"), "--local-config=" + dir.resolve("etc"),
                "--system-config=" + dir.resolve("lib")));
        all.addAll(List.of(args));
        return CliRun.rkt(all.toArray(String[]::new));
    }

    @Test
    void runsAnOciImageAsAPod() throws Exception {
        Path layout = ociLayout("[\"/bin/busybox\", \"echo\", \"from an oci image\"]", true);
        PodTestKit kit = new PodTestKit(dir.resolve("data"));
        PodTestKit.Finished run = kit.run("run", "--net=none", "oci:" + layout + ":v1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("from an oci image\n", run.out());
        assertEquals(0, kit.rkt("gc", "--grace-period=0s").exitCode());
        kit.assertNothingLeft();
    }

    private Path ociLayout() throws Exception {
        return ociLayout("[\"/hello\"]", false);
    }

    private Path ociLayout(String cmd, boolean withBusybox) throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.writeString(rootfs.resolve("hello"), "hello");
        List<String> entries = new ArrayList<>(List.of("hello"));
        if (withBusybox) {
            Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
            entries.add("bin");
        }
        Path tar = dir.resolve("layer.tar");
        List<String> command = new ArrayList<>(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString()));
        command.addAll(entries);
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, p.waitFor());
        Path layout = Files.createDirectories(dir.resolve("layout/blobs/sha256")).getParent().getParent();
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        byte[] layerBytes = Files.readAllBytes(tar);
        String layer = blob(layout, layerBytes);
        String config = blob(layout, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":" + cmd + "},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer + "\"]}}").getBytes(StandardCharsets.UTF_8));
        String manifest = blob(layout, ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":1},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer + "\",\"size\":" + layerBytes.length + "}]}")
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest + "\",\"size\":1,"
                + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
        return layout;
    }

    private static String blob(Path layout, byte[] bytes) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.write(layout.resolve("blobs/sha256").resolve(hex), bytes);
        return "sha256:" + hex;
    }
}
