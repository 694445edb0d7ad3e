package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rkt fetch} of local images signed by the real gpg, through the whole command line. */
class FetchCommandTest {

    @TempDir
    static Path shared;

    static Path aci;
    static Path key;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildAndSign() throws Exception {
        Path layout = Files.createDirectories(shared.resolve("layout/rootfs")).getParent();
        Files.writeString(layout.resolve("rootfs/hello"), "hello");
        Files.writeString(layout.resolve("manifest"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/hello",
                 "labels": [{"name": "version", "value": "1.0"}, {"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}]}
                """);
        aci = shared.resolve("hello.aci");
        assertEquals(0, CliRun.actool("build", layout.toString(), aci.toString()).exitCode());
        gpg("--quick-gen-key", "Signer <signer@example.com>", "ed25519", "sign", "never");
        gpg("--armor", "--detach-sign", "--output", aci + ".asc", aci.toString());
        key = shared.resolve("key.asc");
        Files.writeString(key, gpg("--armor", "--export", "signer@example.com"));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all");
        kill.environment().put("GNUPGHOME", shared.resolve("gnupg").toString());
        kill.start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String gpg(String... args) throws Exception {
        Path home = Files.createDirectories(shared.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--passphrase", "", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", home.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "gpg " + String.join(" ", args));
        return out;
    }

    private CliRun rkt(String... args) {
        List<String> all = new ArrayList<>(List.of("--dir=" + dir.resolve("data"), "--local-config=" + dir.resolve("etc"),
                "--system-config=" + dir.resolve("lib")));
        all.addAll(List.of(args));
        return CliRun.rkt(all.toArray(String[]::new));
    }

    @Test
    void fetchesATrustedImageAndPrintsItsId() {
        assertEquals(0, rkt("trust", "--prefix=example.com", "--skip-fingerprint-review", key.toString()).exitCode());
        CliRun run = rkt("fetch", aci.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("sha512-[0-9a-f]{32}\n"), run.out());
        assertTrue(run.err().contains("rkt: signature verified:\n  Signer <signer@example.com>"), run.err());
        CliRun full = rkt("fetch", "--full", "file://" + aci);
        assertTrue(full.out().matches("sha512-[0-9a-f]{128}\n"), full.out());
        assertEquals(1, rkt("image", "list", "--no-legend").out().lines().count());
    }

    @Test
    void untrustedImagesAreRefusedAndNothingIsStored() {
        CliRun run = rkt("fetch", aci.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("not a trusted key") || run.err().contains("rkt trust"), run.err());
        assertEquals("", rkt("image", "list", "--no-legend").out());
    }

    @Test
    void insecureImageOptionSkipsVerificationWithAWarning() {
        CliRun run = rkt("--insecure-options=image", "fetch", aci.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("rkt: warning: image signature verification has been disabled"), run.err());
    }

    @Test
    void badArgumentsAreOneLine() {
        for (String[] args : new String[][]{{"fetch", dir.resolve("missing.aci").toString()},
                {"fetch", "--pull-policy=never", "example.com/by-name"}, {"--insecure-options=bogus", "fetch", aci.toString()}}) {
            CliRun run = rkt(args);
            assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.err().lines().count(), run.err());
        }
        assertEquals(CommandRunner.EXIT_USAGE, rkt("fetch", "--pull-policy=sometimes", aci.toString()).exitCode());
    }
}
