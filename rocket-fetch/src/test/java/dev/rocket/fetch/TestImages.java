package dev.rocket.fetch;

import dev.rocket.spec.aci.AciBuilder;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.XattrReader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Images and OpenPGP signatures made by the tests (keys by the real gpg in a private home). */
final class TestImages {

    private final Path dir;
    private final Path gpgHome;

    TestImages(Path dir) throws Exception {
        this.dir = dir;
        this.gpgHome = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gpgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        gpg("--quick-gen-key", "Image Signer <signer@example.com>", "ed25519", "sign", "never");
    }

    /** An image named {@code name} holding one file, gzip-compressed. */
    Path image(String name, String content) throws IOException, dev.rocket.spec.SpecException {
        return image(name, content, "1.0");
    }

    /** An image named {@code name} with version label {@code version}, holding one file. */
    Path image(String name, String content, String version) throws IOException, dev.rocket.spec.SpecException {
        Path layout = Files.createDirectories(dir.resolve("layout-" + name.replace('/', '_') + "-" + content.hashCode() + "-" + version));
        Files.createDirectories(layout.resolve("rootfs"));
        Files.writeString(layout.resolve("rootfs/content"), content);
        Files.writeString(layout.resolve("manifest"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "%s",
                 "labels": [{"name": "version", "value": "%s"}, {"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}]}
                """.formatted(name, version));
        Path aci = dir.resolve(layout.getFileName() + ".aci");
        try (OutputStream out = Files.newOutputStream(aci)) {
            new AciBuilder(XattrReader.none()).build(layout, out, AciCompression.GZIP);
        }
        return aci;
    }

    /** Writes {@code file}.asc, a detached armored signature by the test key. */
    Path sign(Path file) throws Exception {
        gpg("--armor", "--detach-sign", "--output", file + ".asc", file.toString());
        return Path.of(file + ".asc");
    }

    Path publicKey() throws Exception {
        Path key = dir.resolve("signer.asc");
        Files.writeString(key, gpg("--armor", "--export", "signer@example.com"));
        return key;
    }

    void stop() throws Exception {
        ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all");
        kill.environment().put("GNUPGHOME", gpgHome.toString());
        kill.start().waitFor(10, TimeUnit.SECONDS);
    }

    private String gpg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--passphrase", "", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", gpgHome.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("gpg " + String.join(" ", args) + " failed");
        }
        return out;
    }
}
