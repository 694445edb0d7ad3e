package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rkt trust} with a key made by the real gpg. */
class TrustCommandTest {

    @TempDir
    static Path gpgHome;

    static Path keyFile;
    static String fingerprint;

    @TempDir
    Path config;

    @BeforeAll
    static void makeKeyWithGpg() throws Exception {
        gpg("--quick-gen-key", "Rocket Test <test@example.com>", "ed25519", "sign", "never");
        String listing = gpg("--with-colons", "--fingerprint", "test@example.com");
        fingerprint = listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9].toLowerCase();
        keyFile = gpgHome.resolve("key.asc");
        Files.writeString(keyFile, gpg("--armor", "--export", "test@example.com"));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all");
        kill.environment().put("GNUPGHOME", gpgHome.toString());
        kill.start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String gpg(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--batch", "--passphrase", "", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", gpgHome.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "gpg " + String.join(" ", args) + " failed");
        return out;
    }

    private CliRun trust(String answer, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(
                "--local-config=" + config.resolve("local"), "--system-config=" + config.resolve("system"), "trust"));
        all.addAll(List.of(args));
        return CliRun.rktWithInput(answer, all.toArray(String[]::new));
    }

    @Test
    void showsFingerprintAndStoresKeyUnderPrefixWhenConfirmed() {
        CliRun run = trust("yes\n", "--prefix=example.com/app", keyFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        String grouped = fingerprint.toUpperCase();
        assertTrue(run.out().contains("GPG key fingerprint is: " + grouped.substring(0, 4) + " "), run.out());
        assertTrue(run.out().contains("Rocket Test <test@example.com>"), run.out());
        Path stored = config.resolve("local/trustedkeys/prefix.d/example.com/app/" + fingerprint);
        assertTrue(Files.isRegularFile(stored), run.out());
        assertTrue(run.out().contains("Added key for prefix \"example.com/app\" at \"" + stored + "\""), run.out());
    }

    @Test
    void declinedKeyIsNotStored() {
        CliRun run = trust("no\n", "--prefix=example.com", keyFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(config.resolve("local/trustedkeys/prefix.d/example.com/" + fingerprint)));
    }

    @Test
    void rootKeyWithoutReview() {
        CliRun run = trust("", "--root", "--skip-fingerprint-review", keyFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(config.resolve("local/trustedkeys/root.d/" + fingerprint)));
    }

    @Test
    void noAnswerIsAnErrorAndStoresNothing() {
        CliRun run = trust("", "--prefix=example.com", keyFile.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("--skip-fingerprint-review"), run.err());
        assertFalse(Files.exists(config.resolve("local/trustedkeys")));
    }

    @Test
    void badInputGivesOneLine() throws IOException {
        Path garbage = Files.writeString(config.resolve("garbage.asc"), "not a key");
        for (String[] args : new String[][]{
                {"--prefix=Example.com", keyFile.toString()},
                {"--root", "--prefix=example.com", keyFile.toString()},
                {"--prefix=example.com", config.resolve("missing.asc").toString()},
                {"--prefix=example.com", garbage.toString()},
                {keyFile.toString()}}) {
            CliRun run = trust("yes\n", args);
            assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("rkt: "), run.err());
        }
        assertFalse(Files.exists(config.resolve("local/trustedkeys")));
    }

    @Test
    void keyFromAUrlIsReviewedLikeAFileAndPlainHttpNeedsItsFlag() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] key = Files.readAllBytes(keyFile);
        server.createContext("/key.asc", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, key.length);
                exchange.getResponseBody().write(key);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/key.asc";
            CliRun refused = trust("yes\n", "--prefix=example.com", url);
            assertEquals(CommandRunner.EXIT_FAILURE, refused.exitCode());
            assertTrue(refused.err().contains("--insecure-allow-http"), refused.err());
            assertFalse(Files.exists(config.resolve("local/trustedkeys")));

            CliRun run = trust("yes\n", "--prefix=example.com", "--insecure-allow-http", url);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("Key: \"" + url + "\""), run.out());
            assertTrue(run.out().contains("Are you sure you want to trust this key (yes/no)?"), run.out());
            assertTrue(Files.isRegularFile(config.resolve("local/trustedkeys/prefix.d/example.com/" + fingerprint)));
        } finally {
            server.stop(0);
        }
    }
}
