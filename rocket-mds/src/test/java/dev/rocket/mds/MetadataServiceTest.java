package dev.rocket.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rocket.base.RocketException;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real service on loopback, two fake pods registered over the real unix socket, every ace.md endpoint. */
class MetadataServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    MetadataService service;
    MetadataRegistration registration;
    HttpClient http;
    FakePod podA;
    FakePod podB;
    MetadataClient a;
    MetadataClient b;

    @BeforeEach
    void start() throws Exception {
        service = MetadataService.start(new MetadataServiceConfig(dir.resolve("mds.sock"),
                InetAddress.getLoopbackAddress(), 0, "127.0.0.1", Duration.ofHours(1)));
        registration = MetadataRegistration.at(dir.resolve("mds.sock"));
        http = HttpClient.newHttpClient();
        podA = FakePod.create("alpha");
        podB = FakePod.create("beta");
        a = new MetadataClient(http, registration.register(podA.registration()).url());
        b = new MetadataClient(http, registration.register(podB.registration()).url());
    }

    @AfterEach
    void stop() {
        if (http != null) http.close();
        if (service != null) service.close();
    }

    @Test
    void theUrlCarriesA256BitTokenOnLoopbackAndThePort() throws Exception {
        RegisteredUrl registered = registration.register(FakePod.create("gamma").registration());
        assertEquals("http://127.0.0.1:" + service.port() + "/" + registered.token(), registered.url());
        assertEquals(32, Base64.getUrlDecoder().decode(registered.token()).length);
        assertNotEquals(URI.create(a.baseUrl()).getPath(), URI.create(b.baseUrl()).getPath());
    }

    @Test
    void servesThePodEndpoints() throws Exception {
        HttpResponse<String> uuid = a.get("pod/uuid");
        assertEquals(200, uuid.statusCode());
        assertEquals("text/plain; charset=us-ascii", uuid.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(podA.uuid().toString(), uuid.body());

        HttpResponse<String> manifest = a.get("pod/manifest");
        assertEquals("application/json", manifest.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(podA.podManifestJson(), manifest.body());
        PodManifest.parse(manifest.body());

        JsonNode annotations = JSON.readTree(a.get("pod/annotations").body());
        assertEquals(JSON.readTree("[{\"name\":\"example.com/owner\",\"value\":\"alpha\"}]"), annotations);
        assertEquals(annotations, JSON.readTree(a.get("pod/annotations/").body()));
        assertEquals("alpha", a.get("pod/annotations/example.com/owner").body());
        assertEquals(404, a.get("pod/annotations/example.com/missing").statusCode());
    }

    @Test
    void servesTheAppEndpointsWithThePodsAnnotationsOverTheImages() throws Exception {
        JsonNode annotations = JSON.readTree(a.get("apps/web/annotations").body());
        assertEquals(JSON.readTree("[{\"name\":\"authors\",\"value\":\"Rocket tests\"},"
                + "{\"name\":\"example.com/role\",\"value\":\"pod-alpha\"}]"), annotations);
        assertEquals("pod-alpha", a.get("apps/web/annotations/example.com/role").body());
        assertEquals("Rocket tests", a.get("apps/web/annotations/authors").body());

        HttpResponse<String> manifest = a.get("apps/web/image/manifest");
        assertEquals(200, manifest.statusCode());
        assertEquals("application/json", manifest.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(podA.imageManifestJson(), manifest.body());

        HttpResponse<String> id = a.get("apps/web/image/id");
        assertEquals("text/plain; charset=us-ascii", id.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(podA.imageId().value(), id.body());
        assertEquals(podB.imageId().value(), b.get("apps/web/image/id").body());

        assertEquals(404, a.get("apps/db/image/id").statusCode());
        assertEquals(404, a.get("apps/web/nothing").statusCode());
    }

    @Test
    void aSignatureOfOnePodVerifiesInAnotherAndATamperedOneDoesNot() throws Exception {
        HttpResponse<String> signed = a.post("pod/hmac/sign", Map.of("content", "I am alpha & proud"));
        assertEquals(200, signed.statusCode());
        String signature = signed.body();
        assertEquals(64, Base64.getDecoder().decode(signature).length);

        String uuidA = podA.uuid().toString();
        assertEquals(200, verify(b, "I am alpha & proud", uuidA, signature));
        assertEquals(200, verify(a, "I am alpha & proud", uuidA, signature));

        assertEquals(403, verify(b, "I am alpha & proud!", uuidA, signature));
        assertEquals(403, verify(b, "I am alpha & proud", podB.uuid().toString(), signature));
        assertEquals(403, verify(b, "I am alpha & proud", uuidA, tamper(signature)));
        assertEquals(403, verify(b, "I am alpha & proud", uuidA, "not base64!"));
        assertEquals(403, verify(b, "I am alpha & proud", PodUuid.random().toString(), signature));
        assertEquals(400, b.post("pod/hmac/verify", Map.of("content", "x")).statusCode());
        assertEquals(400, a.post("pod/hmac/sign", Map.of()).statusCode());

        String signedByB = b.post("pod/hmac/sign", Map.of("content", "I am alpha & proud")).body();
        assertNotEquals(signature, signedByB, "each pod signs with its own key");
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        String base = "http://127.0.0.1:" + service.port() + "/";
        String tokenA = URI.create(a.baseUrl()).getPath().substring(1);
        char last = tokenA.charAt(tokenA.length() - 1);
        String altered = tokenA.substring(0, tokenA.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(401, new MetadataClient(http, base + altered).get("pod/uuid").statusCode());
        assertEquals(401, new MetadataClient(http, base + "short").get("pod/uuid").statusCode());
        assertEquals(401, new MetadataClient(http, base + podA.uuid()).get("pod/uuid").statusCode());
        assertEquals(401, new MetadataClient(http, base.substring(0, base.length() - 1)).get("pod/uuid").statusCode());
        assertEquals(401, new MetadataClient(http, base + altered).post("pod/hmac/verify",
                Map.of("content", "x", "uuid", podA.uuid().toString(), "signature", "x")).statusCode());
        assertEquals(podB.uuid().toString(), b.get("pod/uuid").body(), "a token reads its own pod only");
    }

    @Test
    void aTokenBoundToPodAddressesWorksOnlyFromThem() throws Exception {
        FakePod gamma = FakePod.create("gamma");
        RegisteredUrl url = registration.register(gamma.registration()
                .withPodAddresses(List.of(InetAddress.ofLiteral("127.0.0.2")))
                .withHostAddress("127.0.0.1"));
        try (HttpClient fromPod = HttpClient.newBuilder().localAddress(InetAddress.ofLiteral("127.0.0.2")).build()) {
            assertEquals(gamma.uuid().toString(), new MetadataClient(fromPod, url.url()).get("pod/uuid").body());
            assertEquals(200, new MetadataClient(fromPod, a.baseUrl()).get("pod/uuid").statusCode(),
                    "a token without addresses works from anywhere");
        }
        assertEquals(403, new MetadataClient(http, url.url()).get("pod/uuid").statusCode());
    }

    @Test
    void aUserOtherThanTheOwnerCannotRegisterEvenThroughALoosenedSocket() throws Exception {
        Path socket = dir.resolve("mds.sock");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Process other = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "socat", "-t", "30", "-", "UNIX-CONNECT:" + socket).redirectError(dir.resolve("socat.err").toFile()).start();
        try (var request = other.getOutputStream()) {
            request.write(RegistrationProtocol.unregister(podA.uuid()));
        }
        String reply = new String(other.getInputStream().readAllBytes());
        assertEquals(0, other.waitFor(), Files.readString(dir.resolve("socat.err")));
        assertTrue(reply.contains("\"kind\":\"PERMISSION_DENIED\""), reply);
        assertTrue(reply.contains("only root can"), reply);
        assertEquals(200, a.get("pod/uuid").statusCode(), "still registered");
    }

    @Test
    void wrongMethodsAndUnknownPathsAreRefused() throws Exception {
        HttpResponse<String> getSign = a.get("pod/hmac/sign");
        assertEquals(405, getSign.statusCode());
        assertEquals("POST", getSign.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, a.post("pod/uuid", Map.of()).statusCode());
        assertEquals(404, a.get("pod/nothing").statusCode());
        HttpResponse<String> outside = http.send(java.net.http.HttpRequest.newBuilder(URI.create(a.baseUrl() + "/other")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, outside.statusCode());
        HttpResponse<String> head = http.send(java.net.http.HttpRequest.newBuilder(URI.create(a.baseUrl() + "/acMetadata/v1/pod/uuid"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void anUnregisteredPodsTokenStopsWorking() throws Exception {
        assertTrue(registration.unregister(podA.uuid()));
        assertEquals(401, a.get("pod/uuid").statusCode());
        assertFalse(registration.unregister(podA.uuid()));
        String signature = b.post("pod/hmac/sign", Map.of("content", "c")).body();
        assertEquals(200, verify(b, "c", podB.uuid().toString(), signature));

        MetadataClient again = new MetadataClient(http, registration.register(podA.registration()).url());
        assertNotEquals(a.baseUrl(), again.baseUrl());
        assertEquals(podA.uuid().toString(), again.get("pod/uuid").body());
    }

    @Test
    void aPodWhoseProcessEndedIsReaped() throws Exception {
        Process pod = new ProcessBuilder("sleep", "600").start();
        try {
            FakePod gamma = FakePod.create("gamma");
            MetadataClient c = new MetadataClient(http, registration.register(gamma.registration().withPid(pod.pid())).url());
            assertEquals(List.of(), service.reapExited());
            assertEquals(200, c.get("pod/uuid").statusCode());
            pod.destroyForcibly();
            pod.waitFor();
            assertEquals(List.of(gamma.uuid()), service.reapExited());
            assertEquals(401, c.get("pod/uuid").statusCode());
            assertEquals(200, a.get("pod/uuid").statusCode(), "pods without a PID stay registered");
        } finally {
            pod.destroyForcibly();
            pod.waitFor();
        }
    }

    @Test
    void aPodWhoseProcessIsAZombieIsReaped() throws Exception {
        // perl does not reap its child until told to, so the killed child stays a zombie meanwhile
        Process parent = new ProcessBuilder("perl", "-e",
                "$| = 1; my $p = fork(); if (!$p) { sleep 600; exit 0 } print \"$p\\n\"; <STDIN>; kill 9, $p; waitpid($p, 0);")
                .start();
        try {
            long child = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine());
            FakePod gamma = FakePod.create("gamma");
            MetadataClient c = new MetadataClient(http, registration.register(gamma.registration().withPid(child)).url());
            assertEquals(List.of(), service.reapExited());
            ProcessHandle.of(child).orElseThrow().destroyForcibly();
            Path stat = Path.of("/proc/" + child + "/stat");
            for (int i = 0; i < 3000 && !Files.readString(stat).contains(") Z "); i++) Thread.sleep(10);
            assertTrue(Files.readString(stat).contains(") Z "), Files.readString(stat));
            assertEquals(List.of(gamma.uuid()), service.reapExited());
            assertEquals(401, c.get("pod/uuid").statusCode());
        } finally {
            parent.getOutputStream().close();
            if (!parent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void registrationsThatCannotBeServedAreRefused() throws Exception {
        RocketException twice = assertThrows(RocketException.class, () -> registration.register(podA.registration()));
        assertEquals(RocketException.Kind.ALREADY_EXISTS, twice.kind());

        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        RocketException gone = assertThrows(RocketException.class,
                () -> registration.register(FakePod.create("delta").registration().withPid(ended.pid())));
        assertEquals(RocketException.Kind.NOT_FOUND, gone.kind());

        FakePod other = FakePod.create("epsilon");
        RocketException mismatch = assertThrows(RocketException.class, () -> Registration.of(other.uuid(),
                other.podManifestJson(), List.of(AppImage.parse("web", podA.imageId().value(), podA.imageManifestJson()))));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, mismatch.kind());
        assertTrue(mismatch.getMessage().contains("app web runs image"), mismatch.getMessage());
    }

    @Test
    void theSocketIsForItsOwnerOnly() throws Exception {
        Path socket = dir.resolve("mds.sock");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        assertEquals(List.of(socket), Files.list(dir).toList(), "no staging directory is left beside the socket");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Process other = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "socat", "-u", "OPEN:/dev/null", "UNIX-CONNECT:" + socket).redirectErrorStream(true).start();
        String output = new String(other.getInputStream().readAllBytes());
        assertNotEquals(0, other.waitFor());
        assertTrue(output.contains("Permission denied"), output);
    }

    @Test
    void aSecondServiceOnTheSameSocketIsRefusedAndAStaleSocketReplaced() throws Exception {
        MetadataServiceConfig same = new MetadataServiceConfig(dir.resolve("mds.sock"), InetAddress.getLoopbackAddress(),
                0, "127.0.0.1", Duration.ofHours(1));
        RocketException running = assertThrows(RocketException.class, () -> MetadataService.start(same));
        assertEquals(RocketException.Kind.ALREADY_EXISTS, running.kind());
        assertEquals(200, a.get("pod/uuid").statusCode(), "the first service still serves");

        Path stale = dir.resolve("stale.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        try (MetadataService replacing = MetadataService.start(new MetadataServiceConfig(stale,
                InetAddress.getLoopbackAddress(), 0, "127.0.0.1", Duration.ofHours(1)))) {
            RegisteredUrl url = MetadataRegistration.at(stale).register(FakePod.create("zeta").registration());
            assertEquals(200, new MetadataClient(http, url.url()).get("pod/uuid").statusCode());
        }
        assertFalse(Files.exists(stale), "closing the service removes its socket");

        Path file = Files.writeString(dir.resolve("file"), "keep me");
        RocketException notSocket = assertThrows(RocketException.class, () -> MetadataService.start(
                new MetadataServiceConfig(file, InetAddress.getLoopbackAddress(), 0, "127.0.0.1", Duration.ofHours(1))));
        assertTrue(notSocket.getMessage().contains("is not a socket"), notSocket.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aPortInUseIsReportedWithTheFlagToChange() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RocketException e = assertThrows(RocketException.class, () -> MetadataService.start(new MetadataServiceConfig(
                    dir.resolve("other.sock"), InetAddress.getLoopbackAddress(), taken.getLocalPort(), "127.0.0.1", Duration.ofHours(1))));
            assertEquals(RocketException.Kind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("--listen-port"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("other.sock")));
        }
    }

    @Test
    void registeringWithoutAServiceSaysToStartIt() throws Exception {
        RocketException e = assertThrows(RocketException.class,
                () -> MetadataRegistration.at(dir.resolve("none.sock")).register(podA.registration()));
        assertEquals(RocketException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("rkt metadata-service"), e.getMessage());

        service.close();
        assertFalse(Files.exists(dir.resolve("mds.sock")));
        RocketException stopped = assertThrows(RocketException.class, () -> registration.unregister(podA.uuid()));
        assertEquals(RocketException.Kind.UNAVAILABLE, stopped.kind());
    }

    private static int verify(MetadataClient client, String content, String uuid, String signature) throws Exception {
        return client.post("pod/hmac/verify", Map.of("content", content, "uuid", uuid, "signature", signature)).statusCode();
    }

    private static String tamper(String signature) {
        byte[] bytes = Base64.getDecoder().decode(signature);
        bytes[7] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
