package dev.rocket.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.Port;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real CNI plugins from /usr/lib/cni on namespaces the test creates; needs root. */
class PodNetworkingTest {

    private static final String TEST_BRIDGE = "rkttest0";
    private static final String TEST_MASTER = "rkttestmv0";

    @TempDir
    Path tmp;

    private NetworkSettings settings;
    private PodNetworking networking;
    private final List<TestPod> pods = new ArrayList<>();
    private String rulesBefore;

    private record TestPod(PodUuid uuid, Path dir, Path netns) {
    }

    @BeforeEach
    void setUp() throws Exception {
        settings = new NetworkSettings(List.of(Path.of("/usr/lib/cni")),
                List.of(tmp.resolve("local/net.d"), tmp.resolve("system/net.d")), tmp.resolve("data/net/ipam"));
        networking = new PodNetworking(settings);
        rulesBefore = HostCommands.iptablesRules();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Exception failure = null;
        for (TestPod pod : pods) {
            try {
                networking.tearDown(pod.dir());
            } catch (RocketException e) {
                failure = e;
            }
            if (Files.exists(pod.dir())) NetnsFile.remove(pod.netns());
        }
        for (String link : List.of(TEST_BRIDGE, TEST_MASTER)) {
            String links = HostCommands.links();
            if (links.contains(" " + link + ":") || links.contains(" " + link + "@")) {
                HostCommands.run("ip", "link", "del", link);
            }
        }
        HostCommands.removeUnusedHostportChains(rulesBefore);
        if (failure != null) throw failure;
    }

    private TestPod newPod() throws Exception {
        PodUuid uuid = PodUuid.random();
        Path dir = Files.createDirectories(tmp.resolve("pods/" + uuid));
        Path netns = dir.resolve("stage1/ns/net");
        NetnsFile.create(netns);
        TestPod pod = new TestPod(uuid, dir, netns);
        pods.add(pod);
        return pod;
    }

    @Test
    void defaultNetworkReachesTheHostSideAndOtherPods() throws Exception {
        TestPod a = newPod();
        TestPod b = newPod();
        NetworkAttachment atA = single(networking.setUp(a.uuid(), a.netns(), List.of(NetworkRequest.of("default")), a.dir()));
        NetworkAttachment atB = single(networking.setUp(b.uuid(), b.netns(), List.of(NetworkRequest.of("default")), b.dir()));
        assertEquals("default", atA.network());
        assertEquals("eth0", atA.ifName());
        assertTrue(atA.address().startsWith("172.16.28.") && atA.address().endsWith("/24"), atA.address());
        assertEquals(Optional.of("172.16.28.1"), atA.gateway());
        assertTrue(HostCommands.inNetns(a.netns(), "ip", "route").contains("default via 172.16.28.1"));
        assertEquals(List.of(atA), PodNetworking.attachments(a.dir()));
        assertEquals("default:ip4=" + atA.ip(), atA.shown());
        assertEquals(List.of(atA.shown()), JoinedNetworks.read(a.dir()).stream().map(NetworkAttachment::shown).toList(),
                "what list and status read without the CNI results");

        try (ServerSocket host = InNamespace.greeter(null, "172.16.28.1", 0, "host side");
             ServerSocket inB = InNamespace.greeter(b.netns(), atB.ip(), 0, "pod b")) {
            assertEquals("host side", InNamespace.fetch(a.netns(), "172.16.28.1", host.getLocalPort()));
            assertEquals("pod b", InNamespace.fetch(a.netns(), atB.ip(), inB.getLocalPort()));
        }

        List<String> hostVeths = hostInterfaces(a);
        hostVeths.addAll(hostInterfaces(b));
        networking.tearDown(a.dir());
        networking.tearDown(b.dir());
        assertEquals(List.of(), JoinedNetworks.read(a.dir()), "left networks are not shown");
        assertNoTraceOf(a, hostVeths, "default");
        assertNoTraceOf(b, hostVeths, "default");
    }

    @Test
    void podsSetUpAtOnceGetDistinctAddresses() throws Exception {
        List<TestPod> batch = List.of(newPod(), newPod(), newPod());
        List<Thread> threads = new ArrayList<>();
        List<String> addresses = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (TestPod pod : batch) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    addresses.add(single(networking.setUp(pod.uuid(), pod.netns(),
                            List.of(NetworkRequest.of("default")), pod.dir())).address());
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        assertEquals(List.of(), failures);
        assertEquals(3, addresses.stream().distinct().count(), addresses.toString());
    }

    @Test
    void restrictedNetworkHasNoDefaultRouteButReachesTheHostSide() throws Exception {
        TestPod pod = newPod();
        NetworkAttachment at = single(networking.setUp(pod.uuid(), pod.netns(),
                NetSelection.parse(List.of("default-restricted")), List.of(), List.of(), pod.dir()));
        assertTrue(at.address().startsWith("172.17."), at.address());
        String routes = HostCommands.inNetns(pod.netns(), "ip", "route");
        assertFalse(routes.contains("default"), routes);
        assertFalse(HostCommands.iptablesRules().contains(pod.uuid().toString()), "restricted must not masquerade");
        String gateway = at.gateway().orElseThrow();
        try (ServerSocket host = InNamespace.greeter(null, gateway, 0, "host side")) {
            assertEquals("host side", InNamespace.fetch(pod.netns(), gateway, host.getLocalPort()));
        }
        List<String> veths = hostInterfaces(pod);
        networking.tearDown(pod.dir());
        assertNoTraceOf(pod, veths, "default-restricted");
    }

    @Test
    void noneBringsUpOnlyLoopback() throws Exception {
        TestPod pod = newPod();
        assertEquals(List.of(), networking.setUp(pod.uuid(), pod.netns(), NetSelection.parse(List.of("none")),
                List.of(), List.of(), pod.dir()));
        String links = HostCommands.inNetns(pod.netns(), "ip", "-o", "link");
        assertEquals(1, links.lines().count(), links);
        assertTrue(links.contains("lo:") && links.contains("UP"), links);
        try (ServerSocket server = InNamespace.greeter(pod.netns(), "127.0.0.1", 0, "loopback")) {
            assertEquals("loopback", InNamespace.fetch(pod.netns(), "127.0.0.1", server.getLocalPort()));
        }
    }

    @Test
    void aNamespaceWithLoopbackUpJoinsItsNetworksWithoutTheLoopbackPlugin() throws Exception {
        TestPod pod = newPod();
        HostCommands.inNetns(pod.netns(), "ip", "link", "set", "lo", "up"); // as the pod's namespaces are created
        NetworkAttachment at = single(networking.setUp(pod.uuid(), pod.netns(), NetSelection.parse(List.of("default")),
                List.of(), List.of(), java.util.OptionalLong.empty(), pod.dir(), true));
        List<String> joined = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(pod.dir().resolve(PodNetworkState.FILE_NAME))).path("attachments")
                .forEach(entry -> joined.add(entry.path("ifName").asText()));
        assertEquals(List.of("eth0"), joined);
        assertFalse(Files.readString(PodNetworking.writeTeardownScript(pod.dir()).orElseThrow()).contains("'lo'"),
                "no loopback DEL at teardown");
        try (ServerSocket server = InNamespace.greeter(pod.netns(), "127.0.0.1", 0, "loopback")) {
            assertEquals("loopback", InNamespace.fetch(pod.netns(), "127.0.0.1", server.getLocalPort()));
        }
        List<String> veths = hostInterfaces(pod);
        networking.tearDown(pod.dir());
        assertNoTraceOf(pod, veths, "default");
        assertTrue(at.address().startsWith("172.16.28."), at.address());
    }

    @Test
    void userBridgeNetworkFromAConfigFileWithAnIpArgument() throws Exception {
        Files.createDirectories(tmp.resolve("local/net.d"));
        Files.writeString(tmp.resolve("local/net.d/10-testbr.conf"), """
                {"name": "testbr", "type": "bridge", "bridge": "%s", "isGateway": true,
                 "ipam": {"type": "host-local", "subnet": "10.213.0.0/24"}}
                """.formatted(TEST_BRIDGE));
        TestPod pod = newPod();
        List<NetworkAttachment> attachments = networking.setUp(pod.uuid(), pod.netns(),
                NetSelection.parse(List.of("testbr:IP=10.213.0.50")), List.of(), List.of(), pod.dir());
        assertEquals(List.of("testbr", "default-restricted"), attachments.stream().map(NetworkAttachment::network).toList());
        assertEquals("10.213.0.50/24", attachments.get(0).address());
        assertEquals("eth1", attachments.get(1).ifName());
        try (ServerSocket host = InNamespace.greeter(null, "10.213.0.1", 0, "bridge gateway")) {
            assertEquals("bridge gateway", InNamespace.fetch(pod.netns(), "10.213.0.1", host.getLocalPort()));
        }
        List<String> veths = hostInterfaces(pod);
        networking.tearDown(pod.dir());
        assertNoTraceOf(pod, veths, "testbr");
        assertNoTraceOf(pod, veths, "default-restricted");
    }

    @Test
    void podsOnAMacvlanNetworkReachEachOther() throws Exception {
        // The master is one end of a veth pair the test makes, so no frame leaves this machine; macvlan in bridge
        // mode switches between its own ports.
        HostCommands.run("ip", "link", "add", TEST_MASTER, "type", "veth", "peer", "name", TEST_MASTER + "p");
        HostCommands.run("ip", "link", "set", TEST_MASTER + "p", "up");
        HostCommands.run("ip", "link", "set", TEST_MASTER, "up");
        Files.createDirectories(tmp.resolve("local/net.d"));
        Files.writeString(tmp.resolve("local/net.d/30-testmv.conf"), """
                {"name": "testmv", "type": "macvlan", "master": "%s", "mode": "bridge",
                 "ipam": {"type": "host-local", "subnet": "10.217.0.0/24"}}
                """.formatted(TEST_MASTER));
        TestPod a = newPod();
        TestPod b = newPod();
        NetSelection selection = NetSelection.parse(List.of("testmv"));
        NetworkAttachment atA = networking.setUp(a.uuid(), a.netns(), selection, List.of(), List.of(), a.dir()).getFirst();
        NetworkAttachment atB = networking.setUp(b.uuid(), b.netns(), selection, List.of(), List.of(), b.dir()).getFirst();
        assertTrue(atA.address().startsWith("10.217.0.") && atB.address().startsWith("10.217.0."));
        try (ServerSocket inB = InNamespace.greeter(b.netns(), atB.ip(), 0, "pod b on macvlan")) {
            assertEquals("pod b on macvlan", InNamespace.fetch(a.netns(), atB.ip(), inB.getLocalPort()));
        }
        networking.tearDown(a.dir());
        networking.tearDown(b.dir());
        assertNoTraceOf(a, List.of(), "testmv");
        assertNoTraceOf(b, List.of(), "testmv");
        assertFalse(HostCommands.inNetns(a.netns(), "ip", "-o", "addr").contains("10.217."));
    }

    @Test
    void portForwardFromHostLoopbackToAServerInThePod() throws Exception {
        TestPod pod = newPod();
        int loopbackOnly = freePort();
        int anyAddress = freePort();
        List<PortMapping> ports = List.of(PortMapping.parse("http:127.0.0.1:" + loopbackOnly),
                PortMapping.parse("admin:" + anyAddress));
        NetworkAttachment at = single(networking.setUp(pod.uuid(), pod.netns(), NetSelection.parse(List.of()), ports,
                List.of(Port.of("http", "tcp", 8080), Port.of("admin", "tcp", 9090)), pod.dir()));
        try (ServerSocket http = InNamespace.greeter(pod.netns(), at.ip(), 8080, "http in pod");
             ServerSocket admin = InNamespace.greeter(pod.netns(), at.ip(), 9090, "admin in pod")) {
            assertEquals("http in pod", InNamespace.fetch(null, "127.0.0.1", loopbackOnly));
            assertEquals("admin in pod", InNamespace.fetch(null, "127.0.0.1", anyAddress));
        }
        assertTrue(HostCommands.iptablesRules().contains(pod.uuid().toString()));
        List<String> veths = hostInterfaces(pod);
        networking.tearDown(pod.dir());
        assertNoTraceOf(pod, veths, "default");
        RocketException unknown = assertThrows(RocketException.class, () -> networking.setUp(pod.uuid(), pod.netns(),
                NetSelection.parse(List.of()), List.of(PortMapping.parse("web:8081")), List.of(Port.of("http", "tcp", 80)),
                pod.dir()));
        assertTrue(unknown.getMessage().contains("'web'"), unknown.getMessage());
        assertFalse(Files.exists(pod.dir().resolve(PodNetworkState.FILE_NAME)), "nothing set up for a bad --port");
    }

    @Test
    void aConflistNetworkGetsThePortMappingsInItsOwnPortmap() throws Exception {
        Files.createDirectories(tmp.resolve("local/net.d"));
        Files.writeString(tmp.resolve("local/net.d/40-listed.conflist"), """
                {"cniVersion": "0.4.0", "name": "listed", "plugins": [
                  {"type": "ptp", "ipMasq": true, "ipam": {"type": "host-local", "subnet": "10.218.0.0/24"}},
                  {"type": "portmap", "capabilities": {"portMappings": true}}]}
                """);
        TestPod pod = newPod();
        int hostPort = freePort();
        List<NetworkAttachment> attachments = networking.setUp(pod.uuid(), pod.netns(),
                NetSelection.parse(List.of("listed")), List.of(PortMapping.parse("http:127.0.0.1:" + hostPort)),
                List.of(Port.of("http", "tcp", 8080)), pod.dir());
        NetworkAttachment at = attachments.getFirst();
        assertTrue(at.address().startsWith("10.218.0."), at.address());
        try (ServerSocket inPod = InNamespace.greeter(pod.netns(), at.ip(), 8080, "listed app")) {
            assertEquals("listed app", InNamespace.fetch(null, "127.0.0.1", hostPort));
        }
        var saved = new ObjectMapper().readTree(Files.readString(pod.dir().resolve(PodNetworkState.FILE_NAME)));
        var chain = saved.path("attachments").path(1).path("plugins");
        assertEquals(2, chain.size(), chain.toString());
        assertEquals(hostPort, chain.path(1).path("runtimeConfig").path("portMappings").path(0).path("hostPort").asInt());
        List<String> veths = hostInterfaces(pod);
        networking.tearDown(pod.dir());
        assertNoTraceOf(pod, veths, "listed");
    }

    @Test
    void teardownAfterACrashMidSetupAndWithTheNamespaceGone() throws Exception {
        TestPod pod = newPod();
        networking.setUp(pod.uuid(), pod.netns(), List.of(NetworkRequest.of("default")), pod.dir());
        List<String> veths = hostInterfaces(pod);
        // As if rkt run died by kill -9 after the plugins ran but before it saved their results.
        Path stateFile = pod.dir().resolve(PodNetworkState.FILE_NAME);
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = (ObjectNode) json.readTree(Files.readString(stateFile));
        state.withArray("attachments").forEach(entry -> ((ObjectNode) entry).remove("result"));
        Files.writeString(stateFile, json.writeValueAsString(state));
        NetnsFile.remove(pod.netns());
        assertFalse(Files.exists(pod.netns()));

        networking.tearDown(pod.dir());
        networking.tearDown(pod.dir());
        assertNoTraceOf(pod, veths, "default");
    }

    @Test
    void teardownFindsTheNamespaceAfterThePodDirectoryMoved() throws Exception {
        TestPod pod = newPod();
        networking.setUp(pod.uuid(), pod.netns(), List.of(NetworkRequest.of("default")), pod.dir());
        List<String> veths = hostInterfaces(pod);
        Path moved = Files.createDirectories(tmp.resolve("pods/exited-garbage")).resolve(pod.uuid().toString());
        Files.move(pod.dir(), moved);
        TestPod movedPod = new TestPod(pod.uuid(), moved, moved.resolve("stage1/ns/net"));
        pods.add(movedPod);

        networking.tearDown(moved);
        String links = HostCommands.links();
        for (String veth : veths) assertFalse(links.contains(" " + veth + "@"), "DEL reached the moved namespace");
        assertNoTraceOf(movedPod, veths, "default");
    }

    @Test
    void theTeardownScriptLeavesEveryNetworkWithoutAJvmAlsoAfterThePodDirectoryMoved() throws Exception {
        TestPod pod = newPod();
        networking.setUp(pod.uuid(), pod.netns(), NetSelection.parse(List.of("default", "default-restricted")),
                List.of(PortMapping.parse("http:127.0.0.1:" + freePort())), List.of(Port.of("http", "tcp", 80)),
                pod.dir());
        List<String> veths = hostInterfaces(pod);
        assertEquals(2, veths.size(), veths.toString());
        PodNetworking.writeTeardownScript(pod.dir()).orElseThrow();
        Path moved = Files.createDirectories(tmp.resolve("pods/exited-garbage")).resolve(pod.uuid().toString());
        Files.move(pod.dir(), moved);
        TestPod movedPod = new TestPod(pod.uuid(), moved, moved.resolve("stage1/ns/net"));
        pods.add(movedPod);

        // as the pod's process runs it: a bare environment, stdin closed
        ProcessBuilder bare = new ProcessBuilder("/bin/bash", moved.resolve(TeardownScript.FILE_NAME).toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true);
        bare.environment().clear();
        Process script = bare.start();
        String output = new String(script.getInputStream().readAllBytes());
        assertEquals(0, script.waitFor(), output);
        assertEquals("", output);
        assertFalse(Files.exists(moved.resolve(TeardownScript.FILE_NAME)), "the script deletes itself");
        assertFalse(Files.exists(moved.resolve(JoinedNetworks.FILE_NAME)), "and the networks list and status show");
        assertNoTraceOf(movedPod, veths, "default");
        assertNoTraceOf(movedPod, veths, "default-restricted");
        assertEquals("lo", HostCommands.inNetns(movedPod.netns(), "ip", "-o", "link").lines()
                .map(line -> line.split(":")[1].strip()).reduce((a, b) -> a + "," + b).orElse(""));
    }

    @Test
    void aFailingDelInTheTeardownScriptKeepsTheStateForGc() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path ptp = plugins.resolve("ptp");
        Files.writeString(ptp, "#!/bin/sh\n[ \"$CNI_COMMAND\" = DEL ] && [ -e " + tmp.resolve("refuse")
                + " ] && { echo 'no way' >&2; exit 3; }\nexec /usr/lib/cni/ptp\n");
        Files.setPosixFilePermissions(ptp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        PodNetworking refusing = new PodNetworking(new NetworkSettings(List.of(plugins, Path.of("/usr/lib/cni")),
                settings.configDirs(), settings.ipamDir()));
        TestPod pod = newPod();
        refusing.setUp(pod.uuid(), pod.netns(), List.of(NetworkRequest.of("default")), pod.dir());
        List<String> veths = hostInterfaces(pod);
        Path script = PodNetworking.writeTeardownScript(pod.dir()).orElseThrow();
        Files.writeString(tmp.resolve("refuse"), "");

        Process run = new ProcessBuilder("/bin/bash", script.toString()).start();
        String err = new String(run.getErrorStream().readAllBytes());
        assertEquals(1, run.waitFor(), err);
        assertTrue(err.startsWith("rkt: warning: network 'default': CNI plugin 'ptp' DEL on eth0 failed: no way"), err);
        assertTrue(err.strip().endsWith("rkt gc retries"), err);
        assertTrue(Files.exists(pod.dir().resolve(PodNetworkState.FILE_NAME)), "state kept for gc");

        Files.delete(tmp.resolve("refuse"));
        refusing.tearDown(pod.dir());
        assertFalse(Files.exists(script), "gc's teardown deletes the script too");
        assertNoTraceOf(pod, veths, "default");
    }

    @Test
    void aFailingNetworkUndoesTheOnesAlreadyJoined() throws Exception {
        Files.createDirectories(tmp.resolve("system/net.d"));
        Files.writeString(tmp.resolve("system/net.d/10-good.conf"), """
                {"name": "good", "type": "ptp", "ipam": {"type": "host-local", "subnet": "10.214.0.0/24"}}
                """);
        Files.writeString(tmp.resolve("system/net.d/20-broken.conf"), """
                {"name": "broken", "type": "ptp", "ipam": {"type": "host-local", "subnet": "not-a-subnet"}}
                """);
        TestPod pod = newPod();
        RocketException e = assertThrows(RocketException.class, () -> networking.setUp(pod.uuid(), pod.netns(),
                NetSelection.parse(List.of("good,broken")), List.of(), List.of(), pod.dir()));
        assertTrue(e.getMessage().contains("network 'broken'") && e.getMessage().contains("ADD"), e.getMessage());
        assertNoTraceOf(pod, List.of(), "good");
        assertFalse(HostCommands.inNetns(pod.netns(), "ip", "-o", "addr").contains("10.214."));
    }

    @Test
    void netnsFileIsAPinnedNamespaceUntilRemoved() throws Exception {
        TestPod pod = newPod();
        assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).contains(pod.netns().toString()));
        assertTrue(HostCommands.inNetns(pod.netns(), "ip", "-o", "link").contains("lo:"));
        NetnsFile.remove(pod.netns());
        NetnsFile.remove(pod.netns());
        assertFalse(Files.exists(pod.netns()));
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(pod.netns().toString()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static NetworkAttachment single(List<NetworkAttachment> attachments) {
        assertEquals(1, attachments.size(), attachments.toString());
        return attachments.getFirst();
    }

    /** The host-side interfaces the plugins reported (those without a sandbox), from the saved state. */
    private static List<String> hostInterfaces(TestPod pod) throws IOException {
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(pod.dir().resolve(PodNetworkState.FILE_NAME))).path("attachments")
                .forEach(entry -> entry.path("result").path("interfaces").forEach(iface -> {
                    if (!iface.has("sandbox") && iface.path("name").asText().startsWith("veth")) {
                        names.add(iface.path("name").asText());
                    }
                }));
        return names;
    }

    private void assertNoTraceOf(TestPod pod, List<String> hostVeths, String network) throws Exception {
        assertFalse(Files.exists(pod.dir().resolve(PodNetworkState.FILE_NAME)), "state file left");
        String links = HostCommands.links();
        for (String veth : hostVeths) assertFalse(links.contains(" " + veth + "@"), veth + " left: " + links);
        assertFalse(HostCommands.iptablesRules().contains(pod.uuid().toString()), "iptables rules left");
        Path ipam = settings.ipamDir().resolve(network);
        if (Files.isDirectory(ipam)) {
            try (Stream<Path> files = Files.list(ipam)) {
                List<String> reserved = files.map(f -> f.getFileName().toString())
                        .filter(name -> !name.equals("lock") && !name.startsWith("last_reserved_ip")).toList();
                assertEquals(List.of(), reserved, "IPAM reservations left");
            }
        }
    }
}
