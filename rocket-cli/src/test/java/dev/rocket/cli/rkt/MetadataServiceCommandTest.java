package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import dev.rocket.mds.AppImage;
import dev.rocket.mds.MetadataRegistration;
import dev.rocket.mds.RegisteredUrl;
import dev.rocket.mds.Registration;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.schema.RuntimeImage;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rkt metadata-service} started in-process: it serves a registered pod and stops cleanly when interrupted. */
class MetadataServiceCommandTest {

    @TempDir
    Path dir;

    Thread service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.interrupt();
            service.join();
        }
    }

    @Test
    void startsServesAndRemovesItsSocketWhenStopped() throws Exception {
        Path socket = dir.resolve("mds.sock");
        AtomicInteger exitCode = new AtomicInteger(-1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        service = Thread.ofPlatform().start(() -> exitCode.set(new CommandRunner("rkt").run(new RktCommand(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "metadata-service", "--listen-port=0", "--listen-address=127.0.0.1", "--socket=" + socket)));
        awaitSocket(socket);

        PodUuid uuid = PodUuid.random();
        RegisteredUrl url = MetadataRegistration.at(socket).register(registration(uuid));
        assertTrue(url.url().startsWith("http://127.0.0.1:"), url.url());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.url() + "/acMetadata/v1/pod/uuid")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(uuid.toString(), response.body());
        }
        String started = err.toString(StandardCharsets.UTF_8);
        assertTrue(started.contains("registering pods on " + socket), started);
        assertTrue(started.contains("metadata service: pod " + uuid + " registered\n"), started);
        assertFalse(started.contains(url.token()), "the token is a secret of the pod");

        service.interrupt();
        service.join();
        service = null;
        assertEquals(0, exitCode.get(), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(socket));
    }

    @Test
    void asAProcessItStopsOnSigtermAndRemovesItsSocket() throws Exception {
        Path socket = dir.resolve("mds.sock");
        Process rkt = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RktCommand.class.getName(), "metadata-service", "--listen-port=0", "--listen-address=127.0.0.1",
                "--socket=" + socket)
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        try {
            awaitSocket(socket);
            PodUuid uuid = PodUuid.random();
            RegisteredUrl url = MetadataRegistration.at(socket).register(registration(uuid));
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.url() + "/acMetadata/v1/pod/uuid")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(uuid.toString(), response.body());
            }
            rkt.destroy();
            assertEquals(143, rkt.waitFor(), Files.readString(dir.resolve("err")));
            assertFalse(Files.exists(socket), "SIGTERM removes the socket");
        } finally {
            rkt.destroyForcibly();
            rkt.waitFor();
        }
    }

    @Test
    void aBadPortIsAUserMistake() {
        CliRun run = CliRun.rkt("metadata-service", "--listen-port=70000", "--socket=" + dir.resolve("mds.sock"));
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertEquals("rkt: --listen-port must be a port number from 0 to 65535, not 70000\n", run.err());
    }

    @Test
    void helpNamesTheListenPortAndItsDefault() {
        CliRun run = CliRun.rkt("metadata-service", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--listen-port=PORT"), run.out());
        assertTrue(run.out().contains("18112"), run.out());
    }

    private static void awaitSocket(Path socket) throws InterruptedException {
        for (int i = 0; i < 3000 && !Files.exists(socket); i++) Thread.sleep(10);
        assertTrue(Files.exists(socket), "the service never created " + socket);
    }

    private static Registration registration(PodUuid uuid) throws Exception {
        ImageManifest image = ImageManifest.of(new AcIdentifier("example.com/web"));
        ImageId id = ImageId.ofDigest(new byte[64]);
        PodManifest pod = PodManifest.of(List.of(RuntimeApp.of(new AcName("web"),
                new RuntimeImage(Optional.of(image.name()), Optional.of(id), dev.rocket.spec.types.Labels.NONE))));
        return Registration.of(uuid, pod.toJson(false), List.of(AppImage.parse("web", id.value(), image.toJson(false))));
    }
}
