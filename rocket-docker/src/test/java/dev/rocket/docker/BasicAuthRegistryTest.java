package dev.rocket.docker;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.store.index.ImageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real docker-registry with TLS and htpasswd: basic auth with credentials from an auth.d dockerAuth file. */
class BasicAuthRegistryTest {

    @TempDir
    Path dir;

    @Test
    void fetchesWithBasicAuthOverTlsAndRefusesWithoutCredentials() throws Exception {
        TestTls tls = new TestTls(dir);
        OciLayoutBuilder layout = new OciLayoutBuilder(dir.resolve("layout"));
        layout.tag(layout.image("amd64", Fixtures.CONFIG, Fixtures.layersWithWhiteouts(), TestLayer.Compression.GZIP), "v1");
        try (TestRegistry registry = new TestRegistry(dir, tls, "bob", "hunter2");
             ImageStore store = ImageStore.open(new StoreLayout(dir.resolve("store")))) {
            registry.push(layout.dir(), "v1", "private/app:v1", false);
            String image = "docker://" + registry.host() + "/private/app:v1";
            InsecureOptions insecure = InsecureOptions.parse(List.of("image"));

            RocketException e = assertThrows(RocketException.class, () -> new DockerFetcher(store, insecure,
                    FetchEvents.NONE, Optional.of(tls.client), Map.of()).fetch(image, PullPolicy.NEW));
            assertEquals(Kind.PERMISSION_DENIED, e.kind());
            assertTrue(e.getMessage().contains("needs a user name and password"), e.getMessage());
            Fixtures.assertNothingStored(store);

            Path authDir = Files.createDirectories(dir.resolve("etc/auth.d"));
            Files.writeString(authDir.resolve("registry.json"), """
                    {"rktKind": "dockerAuth", "rktVersion": "v1", "registries": ["%s"],
                     "credentials": {"user": "bob", "password": "hunter2"}}
                    """.formatted(registry.host()));
            Map<String, Credentials> credentials = DockerAuthConfig.read(List.of(dir.resolve("lib"), dir.resolve("etc")));
            ImageRecord record = new DockerFetcher(store, insecure, FetchEvents.NONE, Optional.of(tls.client), credentials)
                    .fetch(image, PullPolicy.NEW);
            Fixtures.assertWhiteoutsApplied(Fixtures.rootfs(store, record));
        }
    }
}
