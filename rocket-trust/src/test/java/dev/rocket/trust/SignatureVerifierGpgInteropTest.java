package dev.rocket.trust;

import dev.rocket.spec.types.AcIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Keys and signatures made by the real gpg (Debian package gnupg) must verify as rkt's did. */
class SignatureVerifierGpgInteropTest {

    private static final String USER_ID = "Rocket Interop <interop@example.com>";
    private static final AcIdentifier IMAGE_NAME = new AcIdentifier("example.com/hello");

    @TempDir
    Path tmp;
    private Path gnupgHome;

    @BeforeEach
    void requireGpg() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gpg")), "gpg (Debian package gnupg) is not installed");
        gnupgHome = Files.createDirectory(tmp.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (gnupgHome != null && Files.isExecutable(Path.of("/usr/bin/gpgconf"))) {
            run("gpgconf", "--kill", "all");
        }
    }

    @Test
    void verifiesAnImageGpgSignedWithASigningSubkey() throws Exception {
        run("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", USER_ID, "ed25519", "cert", "never");
        String primary = fingerprints().getFirst();
        run("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-add-key", primary, "ed25519", "sign", "never");
        String subkey = fingerprints().get(1);
        Path image = Files.write(tmp.resolve("hello-0.0.1-linux-amd64.aci"), imageBytes());
        Path signature = tmp.resolve("hello-0.0.1-linux-amd64.aci.asc");
        run("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--armor", "--output", signature.toString(), "--detach-sign", image.toString());
        Path publicKey = tmp.resolve("pubkeys.gpg");
        run("gpg", "--batch", "--armor", "--output", publicKey.toString(), "--export", primary);

        OpenPgpKey key = OpenPgpKey.readAll(Files.newInputStream(publicKey), publicKey.toString()).getFirst();
        assertEquals(primary.toLowerCase(), key.fingerprint().toString());
        assertEquals(List.of(USER_ID), key.userIds());
        assertEquals(subkey.toLowerCase(), key.subkeys().getFirst().fingerprint().toString());

        TrustStore store = new TrustStore(new TrustDirectories(tmp.resolve("sys"), tmp.resolve("local"), Optional.empty()));
        store.add(TrustScope.prefix(new AcIdentifier("example.com")), key, ConfigLayer.LOCAL);
        SignatureVerifier verifier = new SignatureVerifier(store);
        Signer signer;
        try (InputStream data = Files.newInputStream(image); InputStream sig = Files.newInputStream(signature)) {
            signer = verifier.verify(IMAGE_NAME, data, sig);
        }
        assertEquals(primary.toLowerCase(), signer.fingerprint().toString());
        assertEquals(subkey.toLowerCase(), signer.signingKey().toString());
        assertEquals(List.of(USER_ID), signer.userIds());

        byte[] tampered = imageBytes();
        tampered[tampered.length - 1] ^= 1;
        Path tamperedImage = Files.write(tmp.resolve("tampered.aci"), tampered);
        try (InputStream data = Files.newInputStream(tamperedImage); InputStream sig = Files.newInputStream(signature)) {
            SignatureRejectedException e = assertThrows(SignatureRejectedException.class,
                    () -> verifier.verify(IMAGE_NAME, data, sig));
            assertEquals(SignatureRejectedException.Reason.MISMATCH, e.reason());
        }
    }

    @Test
    void verifiesAnImageGpgSignedWithAnRsaPrimaryKey() throws Exception {
        run("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", USER_ID, "rsa2048", "sign", "never");
        String primary = fingerprints().getFirst();
        Path image = Files.write(tmp.resolve("image.aci"), imageBytes());
        Path signature = tmp.resolve("image.aci.asc");
        run("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--local-user", primary + "!",
                "--armor", "--output", signature.toString(), "--detach-sign", image.toString());
        Path publicKey = tmp.resolve("pubkeys.gpg");
        run("gpg", "--batch", "--armor", "--output", publicKey.toString(), "--export", primary);

        TrustStore store = new TrustStore(new TrustDirectories(tmp.resolve("sys"), tmp.resolve("local"), Optional.empty()));
        store.add(TrustScope.root(),
                OpenPgpKey.readAll(Files.newInputStream(publicKey), "pubkeys.gpg").getFirst(), ConfigLayer.LOCAL);
        try (InputStream data = Files.newInputStream(image); InputStream sig = Files.newInputStream(signature)) {
            assertEquals(primary.toLowerCase(),
                    new SignatureVerifier(store).verify(IMAGE_NAME, data, sig).signingKey().toString());
        }
    }

    private static byte[] imageBytes() {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 7);
        return bytes;
    }

    /** The fingerprints of the primary key and its subkeys, in gpg's order. */
    private List<String> fingerprints() throws Exception {
        List<String> fingerprints = new ArrayList<>();
        for (String line : run("gpg", "--batch", "--with-colons", "--list-keys", USER_ID).split("\n")) {
            if (line.startsWith("fpr:")) fingerprints.add(line.split(":")[9]);
        }
        return fingerprints;
    }

    private String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", gnupgHome.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
