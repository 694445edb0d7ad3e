package dev.rocket.docker;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.trust.ConfigLayer;
import dev.rocket.trust.OpenPgpKey;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustDirectories;
import dev.rocket.trust.TrustScope;
import dev.rocket.trust.TrustStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simple-signing signatures that skopeo writes with {@code --sign-by} (key made by the real gpg) into a
 * lookaside directory, verified against keys trusted with the trust store.
 */
class SignedImageTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private ImageStore store;
    private Path gnupg;
    private Path lookaside;
    private TrustStore trust;

    @BeforeEach
    void setUp() throws Exception {
        registry = new TestRegistry(dir);
        store = ImageStore.open(new StoreLayout(dir.resolve("store")));
        gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        lookaside = Files.createDirectories(dir.resolve("sigstore"));
        gpg("--quick-gen-key", "Signer <signer@example.com>", "ed25519", "sign", "never");
        trust = new TrustStore(new TrustDirectories(dir.resolve("lib"), dir.resolve("etc"), Optional.empty()));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            store.close();
            registry.close();
        } finally {
            ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all");
            kill.environment().put("GNUPGHOME", gnupg.toString());
            kill.start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTrustedSignatureLetsTheImageInWithoutInsecureOptions() throws Exception {
        pushSigned("v1", Fixtures.layersWithWhiteouts());
        trustSigner("127.0.0.1_" + registry.port() + "/signed");
        List<String> info = new ArrayList<>();
        ImageRecord record = fetcher(info).fetch(image(), PullPolicy.NEW);
        Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
        assertTrue(info.stream().anyMatch(m -> m.contains("signature verified") && m.contains("signer@example.com")), info.toString());
    }

    @Test
    void aSignatureByAnUntrustedKeyIsRefused() throws Exception {
        pushSigned("v1", Fixtures.layersWithWhiteouts());
        RocketException e = assertThrows(RocketException.class, () -> fetcher(new ArrayList<>()).fetch(image(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind(), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    @Test
    void aTamperedImageDoesNotMatchItsSignature() throws Exception {
        pushSigned("v1", Fixtures.layersWithWhiteouts());
        trustSigner("127.0.0.1_" + registry.port() + "/signed");
        Path signed;
        try (Stream<Path> dirs = Files.walk(lookaside)) {
            signed = dirs.filter(p -> p.getFileName().toString().contains("@sha256=")).findFirst().orElseThrow();
        }
        OciLayoutBuilder other = new OciLayoutBuilder(dir.resolve("other"));
        OciLayoutBuilder.Descriptor tampered = other.image("amd64", Fixtures.CONFIG,
                List.of(new TestLayer().file("bin/app", "evil")), TestLayer.Compression.GZIP);
        other.tag(tampered, "v1");
        registry.push(other.dir(), "v1", "signed/app:v1", false);
        Path forged = signed.resolveSibling("app@sha256=" + tampered.digest().hex());
        Files.createDirectories(forged);
        Files.copy(signed.resolve("signature-1"), forged.resolve("signature-1"));

        RocketException e = assertThrows(RocketException.class, () -> fetcher(new ArrayList<>()).fetch(image(), PullPolicy.NEW));
        assertEquals(Kind.VERIFICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("changed after signing"), e.getMessage());
        Fixtures.assertNothingStored(store);
    }

    private String image() {
        return "docker://" + registry.host() + "/signed/app:v1";
    }

    private DockerFetcher fetcher(List<String> info) throws RocketException, java.io.IOException {
        FetchEvents events = new FetchEvents() {
            @Override
            public void info(String message) {
                info.add(message);
            }

            @Override
            public void warning(String message) {
            }
        };
        Path signaturesD = Files.createDirectories(dir.resolve("etc/signatures.d"));
        Files.writeString(signaturesD.resolve("test.json"), """
                {"rktKind": "dockerSignatures", "rktVersion": "v1", "registries": ["%s"], "lookaside": "%s"}
                """.formatted(registry.host(), lookaside.toUri()));
        return new DockerFetcher(store, InsecureOptions.parse(List.of("http")), events, Optional.empty(), Map.of(),
                new DockerFetcher.SignaturePolicy(Optional.of(new SignatureVerifier(trust)),
                        LookasideConfig.read(List.of(dir.resolve("lib"), dir.resolve("etc")))));
    }

    private void pushSigned(String tag, List<TestLayer> layers) throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, layers, TestLayer.Compression.GZIP), tag);
        Path registriesD = Files.createDirectories(dir.resolve("registries.d"));
        Files.writeString(registriesD.resolve("test.yaml"), """
                docker:
                  %s:
                    sigstore-staging: %s
                """.formatted(registry.host(), lookaside.toUri()));
        ProcessBuilder skopeo = new ProcessBuilder("skopeo", "--insecure-policy", "--registries.d", registriesD.toString(),
                "copy", "--quiet", "--dest-tls-verify=false", "--sign-by", "signer@example.com",
                "oci:" + layout.dir() + ":" + tag, "docker://" + registry.host() + "/signed/app:" + tag).redirectErrorStream(true);
        skopeo.environment().put("GNUPGHOME", gnupg.toString());
        Process p = skopeo.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
    }

    private void trustSigner(String prefix) throws Exception {
        byte[] key = gpg("--armor", "--export", "signer@example.com").getBytes(StandardCharsets.UTF_8);
        OpenPgpKey parsed = OpenPgpKey.readAll(new ByteArrayInputStream(key), "test key").getFirst();
        trust.add(TrustScope.prefix(AcIdentifier.parse(prefix)), parsed, ConfigLayer.LOCAL);
    }

    private String gpg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--passphrase", "", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", gnupg.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "gpg " + String.join(" ", args));
        return out;
    }
}
