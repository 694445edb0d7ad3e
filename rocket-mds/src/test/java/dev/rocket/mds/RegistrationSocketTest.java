package dev.rocket.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registration socket under malformed messages and many registrations at once. */
class RegistrationSocketTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    MetadataService service;

    @BeforeEach
    void start() throws Exception {
        service = MetadataService.start(new MetadataServiceConfig(dir.resolve("mds.sock"),
                InetAddress.getLoopbackAddress(), 0, "127.0.0.1", Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    @Test
    void malformedMessagesGetAnErrorReplyAndTheServiceGoesOn() throws Exception {
        FakePod pod = FakePod.create("alpha");
        String valid = new String(RegistrationProtocol.register(pod.registration()), StandardCharsets.UTF_8);
        List<String> bad = List.of(
                "",
                "not json",
                "[1,2]",
                "{\"op\":\"register\"}",
                "{\"op\":\"dance\",\"uuid\":\"" + pod.uuid() + "\"}",
                "{\"op\":\"unregister\",\"uuid\":\"not-a-uuid\"}",
                valid.replace("\"apps\":[", "\"apps\":[{\"name\":\"web\",\"imageId\":\"sha512-00\",\"imageManifest\":\"{}\"},"),
                valid.replace("}", ",\"pid\":-4}"),
                valid.replace("}", ",\"podAddresses\":[\"example.com\"]}"),
                valid.replace("\"podManifest\":\"{", "\"podManifest\":\"x{"),
                valid.replace("\"imageId\":\"sha512-", "\"imageId\":\"sha512-f"));
        for (String message : bad) {
            JsonNode reply = exchange(message);
            assertEquals("INVALID_ARGUMENT", reply.path("kind").asText(), message + " -> " + reply);
            assertTrue(reply.path("error").asText().length() > 10, reply.toString());
        }
        JsonNode registered = exchange(valid);
        assertTrue(registered.path("url").asText().endsWith("/" + registered.path("token").asText()), registered.toString());
    }

    @Test
    void manyPodsRegisterAtOnceEachWithItsOwnToken() throws Exception {
        List<FakePod> pods = new ArrayList<>();
        for (int i = 0; i < 50; i++) pods.add(FakePod.create("pod" + i));
        MetadataRegistration registration = MetadataRegistration.at(service.socket());
        List<Future<RegisteredUrl>> urls = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (FakePod pod : pods) urls.add(threads.submit(() -> registration.register(pod.registration())));
        }
        Set<String> tokens = new HashSet<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < pods.size(); i++) {
                RegisteredUrl url = urls.get(i).get();
                tokens.add(url.token());
                assertEquals(pods.get(i).uuid().toString(), new MetadataClient(http, url.url()).get("pod/uuid").body());
            }
        }
        assertEquals(pods.size(), tokens.size());
        for (FakePod pod : pods) assertTrue(registration.unregister(pod.uuid()));
        assertTrue(!service.registry().isRegistered(PodUuid.random()));
    }

    private JsonNode exchange(String message) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(service.socket()));
            SocketMessages.write(channel, message.getBytes(StandardCharsets.UTF_8));
            return JSON.readTree(SocketMessages.read(channel));
        }
    }
}
