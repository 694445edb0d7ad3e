package dev.rocket.net;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.Port;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortForwardsTest {

    @Test
    void parsesNameOptionalHostIpAndPort() throws RocketException {
        assertEquals(new PortMapping("http", Optional.empty(), 8080), PortMapping.parse("http:8080"));
        assertEquals(new PortMapping("http", Optional.of("127.0.0.1"), 80), PortMapping.parse("http:127.0.0.1:80"));
        for (String bad : List.of("http", "http:", ":80", "http:x", "http:0", "http:70000", "http:1.2.3:80", "http:a.b.c.d:80")) {
            assertThrows(RocketException.class, () -> PortMapping.parse(bad), bad);
        }
    }

    @Test
    void runtimeConfigUsesTheAppsDeclaredPort() throws RocketException {
        List<Port> ports = List.of(Port.of("http", "tcp", 80), Port.of("dns", "udp", 53));
        String json = PortForwards.runtimeConfig(
                List.of(PortMapping.parse("http:127.0.0.1:8080"), PortMapping.parse("dns:5353")), ports).toString();
        assertEquals("{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\",\"hostIP\":\"127.0.0.1\"},"
                + "{\"hostPort\":5353,\"containerPort\":53,\"protocol\":\"udp\"}]}", json);
    }

    @Test
    void unknownPortNameIsAClearError() {
        RocketException e = assertThrows(RocketException.class, () -> PortForwards.runtimeConfig(
                List.of(new PortMapping("web", Optional.empty(), 8080)), List.of(Port.of("http", "tcp", 80))));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("'web'") && e.getMessage().contains("http"), e.getMessage());
    }
}
