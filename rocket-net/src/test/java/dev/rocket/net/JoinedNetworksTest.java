package dev.rocket.net;

import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinedNetworksTest {

    @TempDir
    Path pod;

    @Test
    void whatIsSavedReadsBackAsListAndStatusShowIt() throws Exception {
        CniDns dns = new CniDns(List.of("10.0.0.1"), "example.com", List.of(), List.of());
        List<NetworkAttachment> joined = List.of(
                new NetworkAttachment("default", "eth0", "172.16.28.5/24", Optional.of("172.16.28.1"), dns),
                new NetworkAttachment("v6", "eth1", "fd00::5/64", Optional.empty(), CniDns.EMPTY));
        JoinedNetworks.save(pod, joined);
        assertEquals("default\teth0\t172.16.28.5/24\t172.16.28.1\nv6\teth1\tfd00::5/64\n",
                Files.readString(pod.resolve(JoinedNetworks.FILE_NAME)));
        List<NetworkAttachment> read = JoinedNetworks.read(pod);
        assertEquals(List.of("default:ip4=172.16.28.5", "v6:ip6=fd00::5"), read.stream().map(NetworkAttachment::shown).toList());
        assertEquals(Optional.of("172.16.28.1"), read.getFirst().gateway());
        assertEquals(CniDns.EMPTY, read.getFirst().dns(), "DNS is not kept: neither command shows it");
        assertFalse(Files.exists(pod.resolve(JoinedNetworks.FILE_NAME + ".tmp")));
    }

    @Test
    void aPodWithoutNetworksHasNone() throws Exception {
        assertEquals(List.of(), JoinedNetworks.read(pod));
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws Exception {
        Files.writeString(pod.resolve(JoinedNetworks.FILE_NAME), "default eth0\n");
        RocketException damaged = assertThrows(RocketException.class, () -> JoinedNetworks.read(pod));
        assertTrue(damaged.getMessage().contains(JoinedNetworks.FILE_NAME + " is damaged"), damaged.getMessage());
    }
}
