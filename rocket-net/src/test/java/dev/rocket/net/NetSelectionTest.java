package dev.rocket.net;

import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetSelectionTest {

    @Test
    void noFlagOrEmptyValueMeansDefault() throws RocketException {
        assertEquals(NetSelection.defaultNetwork(), NetSelection.parse(List.of()));
        assertEquals(NetSelection.defaultNetwork(), NetSelection.parse(List.of("")));
        assertEquals(NetSelection.defaultNetwork(), NetSelection.parse(List.of("default")));
        assertEquals(NetSelection.defaultNetwork(), NetSelection.parse(List.of("", "default")));
    }

    @Test
    void hostAndNoneStandAlone() throws RocketException {
        assertEquals(NetSelection.Mode.HOST, NetSelection.parse(List.of("host")).mode());
        assertEquals(NetSelection.Mode.NONE, NetSelection.parse(List.of("none")).mode());
        assertTrue(NetSelection.parse(List.of("none")).requests().isEmpty());
        assertThrows(RocketException.class, () -> NetSelection.parse(List.of("host,default")));
        assertThrows(RocketException.class, () -> NetSelection.parse(List.of("none", "net1")));
        assertThrows(RocketException.class, () -> NetSelection.parse(List.of("host,none")));
    }

    @Test
    void withoutDefaultTheRestrictedDefaultIsAdded() throws RocketException {
        NetSelection selection = NetSelection.parse(List.of("net1,net2"));
        assertEquals(List.of(NetworkRequest.of("net1"), NetworkRequest.of("net2"),
                NetworkRequest.of("default-restricted")), selection.requests());
        assertEquals(List.of(NetworkRequest.of("default"), NetworkRequest.of("net1")),
                NetSelection.parse(List.of("default,net1")).requests());
    }

    @Test
    void argumentsGoToTheirNetworkAcrossRepeatedFlags() throws RocketException {
        NetSelection selection = NetSelection.parse(List.of("all,net1:IP=10.1.0.5", "net2:IP=10.2.0.5;FOO=bar"));
        assertTrue(selection.allConfigured());
        assertEquals(List.of(new NetworkRequest("net1", "IP=10.1.0.5"), new NetworkRequest("net2", "IP=10.2.0.5;FOO=bar"),
                NetworkRequest.of("default")), selection.requests());
    }

    @Test
    void mistakesAreReported() {
        RocketException twice = assertThrows(RocketException.class, () -> NetSelection.parse(List.of("a", "a:IP=1.2.3.4")));
        assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, twice.kind());
        assertThrows(RocketException.class, () -> NetSelection.parse(List.of("a,,b")));
        assertThrows(RocketException.class, () -> NetSelection.parse(List.of("a:IP")));
        assertThrows(RocketException.class, () -> NetSelection.parse(List.of(":IP=1")));
        assertFalse(NetSelection.defaultNetwork().allConfigured());
    }
}
