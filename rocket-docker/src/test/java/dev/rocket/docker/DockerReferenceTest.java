package dev.rocket.docker;

import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DockerReferenceTest {

    @Test
    void readsReferencesAsDockerDoes() throws Exception {
        DockerReference hub = DockerReference.parse("busybox");
        assertEquals("registry-1.docker.io", hub.registry());
        assertEquals("library/busybox", hub.repository());
        assertEquals(Optional.of("latest"), hub.tag());
        assertEquals("registry-1.docker.io/library/busybox", hub.naming().acIdentifier());

        DockerReference local = DockerReference.parse("127.0.0.1:5000/team/app:v1.2");
        assertEquals("127.0.0.1:5000", local.registry());
        assertEquals("team/app", local.repository());
        assertEquals("v1.2", local.reference());
        assertEquals("127.0.0.1_5000/team/app", local.naming().acIdentifier());

        DockerReference pinned = DockerReference.parse("quay.io/team/app@sha256:" + "a".repeat(64));
        assertEquals(Optional.empty(), pinned.tag());
        assertEquals("sha256:" + "a".repeat(64), pinned.reference());

        assertEquals("registry-1.docker.io", DockerReference.parse("docker.io/team/app").registry());
        assertEquals("localhost", DockerReference.parse("localhost/app").registry());
    }

    @Test
    void refusesWhatIsNotAReference() {
        assertThrows(RocketException.class, () -> DockerReference.parse("Team/App"));
        assertThrows(RocketException.class, () -> DockerReference.parse("app:bad tag"));
        assertThrows(RocketException.class, () -> DockerReference.parse("app@sha256:short"));
        assertThrows(RocketException.class, () -> DockerReference.parse(""));
    }
}
