package dev.rocket.net;

import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkCatalogTest {

    @TempDir
    Path tmp;

    private Path local() throws IOException {
        return Files.createDirectories(tmp.resolve("etc/rkt/net.d"));
    }

    private Path system() throws IOException {
        return Files.createDirectories(tmp.resolve("usr/lib/rkt/net.d"));
    }

    private NetworkCatalog catalog() throws Exception {
        return NetworkCatalog.load(List.of(local(), system()));
    }

    private static void conf(Path dir, String file, String name, String type) throws IOException {
        Files.writeString(dir.resolve(file), "{\"name\": \"" + name + "\", \"type\": \"" + type + "\"}");
    }

    @Test
    void filesLoadInNameOrderAndLocalShadowsSystem() throws Exception {
        conf(system(), "20-b.conf", "b", "bridge");
        conf(system(), "10-a.conf", "a", "macvlan");
        conf(local(), "10-a.conf", "a", "ipvlan");
        conf(local(), "notes.txt", "ignored", "bridge");
        List<NetworkDefinition> configured = catalog().configured();
        assertEquals(List.of("a", "b"), configured.stream().map(NetworkDefinition::name).toList());
        assertEquals("ipvlan", configured.getFirst().type());
        assertEquals("0.4.0", configured.getFirst().config().path("cniVersion").asText(), "rkt-era files get a version");
    }

    @Test
    void resolvesInRktOrderWithBuiltinsLast() throws Exception {
        conf(local(), "10-a.conf", "a", "bridge");
        conf(local(), "20-b.conf", "b", "bridge");
        NetworkCatalog catalog = catalog();
        assertEquals(List.of("a", "default-restricted"), names(catalog.resolve(NetSelection.parse(List.of("a")))));
        assertEquals(List.of("a", "b", "default"), names(catalog.resolve(NetSelection.parse(List.of("all")))));
        assertEquals(List.of("b", "a", "default").size(),
                catalog.resolve(NetSelection.parse(List.of("default,b,a"))).size());
        assertEquals(List.of(), catalog.resolve(NetSelection.parse(List.of("none"))));
        NetworkDefinition builtin = catalog.resolve(NetSelection.defaultNetwork()).getFirst();
        assertTrue(builtin.masquerades());
        assertEquals("172.16.28.0/24", builtin.config().path("ipam").path("subnet").asText());
        NetworkDefinition restricted = catalog.resolve(NetSelection.parse(List.of("default-restricted"))).getFirst();
        assertFalse(restricted.masquerades());
        assertFalse(restricted.config().path("ipam").has("routes"));
    }

    @Test
    void conflistFilesGiveEachPluginTheNetworksNameAndVersion() throws Exception {
        Files.writeString(local().resolve("10-list.conflist"), """
                {"cniVersion": "1.0.0", "name": "list", "plugins": [{"type": "bridge", "ipMasq": true}, {"type": "portmap"}]}
                """);
        NetworkDefinition list = catalog().resolve(NetSelection.parse(List.of("list"))).getFirst();
        assertTrue(list.isList() && list.masquerades());
        assertEquals("bridge", list.type());
        assertEquals(List.of("list", "list"), list.plugins().stream().map(p -> p.path("name").asText()).toList());
        assertEquals(List.of("1.0.0", "1.0.0"), list.plugins().stream().map(p -> p.path("cniVersion").asText()).toList());
        Files.writeString(local().resolve("10-list.conflist"), "{\"name\": \"list\", \"plugins\": [{}]}");
        assertTrue(assertThrows(RocketException.class, this::catalog).getMessage().contains("\"plugins\""));
    }

    @Test
    void aFileNamedDefaultOverridesTheBuiltin() throws Exception {
        conf(local(), "50-mydefault.conf", "default", "bridge");
        List<NetworkDefinition> resolved = catalog().resolve(NetSelection.defaultNetwork());
        assertEquals(1, resolved.size());
        assertEquals("bridge", resolved.getFirst().type());
    }

    @Test
    void unknownDuplicateAndBrokenConfigurationsAreClearErrors() throws Exception {
        conf(local(), "10-a.conf", "a", "bridge");
        RocketException unknown = assertThrows(RocketException.class,
                () -> catalog().resolve(NetSelection.parse(List.of("nosuch"))));
        assertEquals(RocketException.Kind.NOT_FOUND, unknown.kind());
        assertTrue(unknown.getMessage().contains("'nosuch'") && unknown.getMessage().contains("a, default"),
                unknown.getMessage());

        conf(system(), "20-again.conf", "a", "bridge");
        RocketException twice = assertThrows(RocketException.class, this::catalog);
        assertTrue(twice.getMessage().contains("defined twice"), twice.getMessage());
        Files.delete(system().resolve("20-again.conf"));

        Files.writeString(system().resolve("30-broken.conf"), "{\"name\": ");
        RocketException broken = assertThrows(RocketException.class, this::catalog);
        assertTrue(broken.getMessage().contains("30-broken.conf") && broken.getMessage().contains("not valid JSON"),
                broken.getMessage());
        Files.writeString(system().resolve("30-broken.conf"), "{\"name\": \"x\"}");
        assertTrue(assertThrows(RocketException.class, this::catalog).getMessage().contains("\"type\""));
        Files.writeString(system().resolve("30-broken.conf"), "{\"name\": \"all\", \"type\": \"bridge\"}");
        assertTrue(assertThrows(RocketException.class, this::catalog).getMessage().contains("'all'"));
    }

    private static List<String> names(List<NetworkDefinition> definitions) {
        return definitions.stream().map(NetworkDefinition::name).toList();
    }
}
