package dev.rocket.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CNI bandwidth plugin's configuration for a pod's {@code resource/network-bandwidth}. */
class BandwidthConfigTest {

    private static final NetworkDefinition NETWORK = new NetworkDefinition("net1", (ObjectNode) json("""
            {"cniVersion": "0.4.0", "name": "net1", "type": "bridge"}"""), "test");

    private static Object json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bytesPerSecondBecomeBitsEachWayWithATenthOfASecondOfBurst() {
        ObjectNode config = PodNetworking.bandwidthConfig(NETWORK, 10_000_000);
        assertEquals(json("""
                {"cniVersion": "0.4.0", "name": "net1", "type": "bandwidth",
                 "ingressRate": 80000000, "ingressBurst": 8000000, "egressRate": 80000000, "egressBurst": 8000000}""")
                .toString(), config.toString());
    }

    @Test
    void aSlowLinkStillTakesAFullPacketInOneBurst() {
        ObjectNode config = PodNetworking.bandwidthConfig(NETWORK, 1000);
        assertEquals(8000, config.get("ingressRate").asLong());
        assertEquals(64 * 1024 * 8, config.get("ingressBurst").asLong());
    }
}
