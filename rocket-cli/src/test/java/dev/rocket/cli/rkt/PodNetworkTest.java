package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pods on CNI networks through {@code rkt run}, as root with the real plugins: the default network between
 * pods and to the host, port forwarding from host loopback, default-restricted, a user network from net.d,
 * DNS and hosts files, and nothing left on the host afterwards. Traffic stays on loopback and pod addresses.
 */
class PodNetworkTest extends PodTest {

    @TempDir
    static Path shared;

    static Path image;

    @BeforeAll
    static void buildImage() throws IOException {
        image = PodTestKit.busyboxImage(shared.resolve("web"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/web",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"], "user": "0", "group": "0",
                         "ports": [{"name": "http", "protocol": "tcp", "port": 8080}]}}
                """, rootfs -> {
            Files.createDirectories(rootfs.resolve("www"));
            Files.writeString(rootfs.resolve("www/index.html"), "hello from the pod\n");
        });
    }

    @Override
    void afterCollect() throws Exception {
        Process links = new ProcessBuilder("ip", "-o", "link").start();
        String text = new String(links.getInputStream().readAllBytes());
        assertFalse(text.contains("veth"), text);
        Process rules = new ProcessBuilder("iptables-save").start();
        String saved = new String(rules.getInputStream().readAllBytes());
        assertFalse(saved.contains("172.16.28."), saved);
    }

    private static String ip(String status) {
        Matcher matcher = Pattern.compile("networks=default:ip4=([0-9.]+)").matcher(status);
        assertTrue(matcher.find(), status);
        return matcher.group(1);
    }

    @Test
    void podsReachEachOtherAndTheHostThroughTheDefaultNetworkAndForwardedPorts() throws Exception {
        PodTestKit.Started server = kit.start("server", "--port=http:127.0.0.1:18080", image.toString());
        CliRun status = kit.rkt("status", server.uuid());
        String address = ip(status.out());
        assertTrue(kit.rkt("list", "--no-legend").out().contains("default:ip4=" + address));

        PodTestKit.Finished client = kit.run("run", image.toString(), "--exec=/bin/sh", "--", "-c",
                "wget -q -O - http://" + address + ":8080/index.html; ip route | grep -c default");
        assertEquals(0, client.exitCode(), client.err());
        assertEquals("hello from the pod\n1\n", client.out());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> forwarded = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:18080/index.html"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hello from the pod\n", forwarded.body());

        PodTestKit.Finished restricted = kit.run("run", "--net=default-restricted", image.toString(), "--exec=/bin/sh", "--", "-c",
                "ip route | grep -c default; ip addr show eth0 | grep -c 'inet 172.17.'");
        assertEquals("0\n1\n", restricted.out(), restricted.err());

        assertEquals(0, kit.rkt("stop", server.uuid()).exitCode());
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS));
    }

    @Test
    void anExitedPodHasLeftItsNetworksBeforeGcAndANoneNetworkPodHasNothingToLeave() throws Exception {
        PodTestKit.Finished run = kit.run("run", "--port=http:127.0.0.1:18081", image.toString(), "--exec=/bin/sh", "--",
                "-c", "ip -o addr show eth0 | grep -c 'inet 172.16.28.'");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("1\n", run.out());
        PodTestKit.Finished none = kit.run("run", "--net=none", image.toString(), "--exec=/bin/sh", "--", "-c",
                "ip -o link | wc -l; ip -o link show lo | grep -c UP");
        assertEquals("1\n1\n", none.out(), none.err());
        try (Stream<Path> pods = Files.list(dir.resolve("pods/run"))) {
            for (Path pod : pods.toList()) {
                assertFalse(Files.exists(pod.resolve("networking.json")), "network state left in " + pod);
                assertFalse(Files.exists(pod.resolve("networking-teardown.sh")), "teardown script left in " + pod);
                String rules = new String(new ProcessBuilder("iptables-save").start().getInputStream().readAllBytes());
                assertFalse(rules.contains(pod.getFileName().toString()), rules);
            }
        }
        String links = new String(new ProcessBuilder("ip", "-o", "link").start().getInputStream().readAllBytes());
        assertFalse(links.contains("veth"), links);
        Path leases = dir.resolve("net/ipam/default");
        if (Files.isDirectory(leases)) {
            try (Stream<Path> files = Files.list(leases)) {
                assertEquals(List.of(), files.map(file -> file.getFileName().toString())
                        .filter(name -> !name.equals("lock") && !name.startsWith("last_reserved_ip")).toList());
            }
        }
    }

    @Test
    void aUserNetworkAndTheDnsAndHostsFlags() throws Exception {
        Path config = dir.resolve("etc");
        Files.createDirectories(config.resolve("net.d"));
        Files.writeString(config.resolve("net.d/10-mynet.conf"), """
                {"cniVersion": "0.4.0", "name": "mynet", "type": "bridge", "bridge": "rkt-test-br0", "isGateway": true,
                 "ipam": {"type": "host-local", "subnet": "10.222.33.0/24"}}
                """);
        PodTestKit.Finished run = kit.run("--local-config=" + config, "run", "--net=mynet", "--hostname=web",
                "--dns=10.1.2.3", "--dns-search=example.org", "--hosts-entry=10.9.8.7=db",
                image.toString(), "--exec=/bin/sh", "--", "-c",
                "ip addr show eth0 | grep -c 'inet 10.222.33.'; cat /etc/resolv.conf; grep db /etc/hosts; hostname");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("1\n"), run.out());
        assertTrue(run.out().contains("nameserver 10.1.2.3") && run.out().contains("search example.org"), run.out());
        assertTrue(run.out().contains("10.9.8.7\tdb") || run.out().contains("10.9.8.7 db"), run.out());
        assertTrue(run.out().endsWith("web\n"), run.out());
        new ProcessBuilder("ip", "link", "delete", "rkt-test-br0").start().waitFor();
    }

    @Test
    void aRegisteredPodReadsItsOwnMetadataAndAnUnregisteredOneGetsNoUrl() throws Exception {
        Path socket = dir.resolve("mds.sock");
        Process service = kit.rktProcess("metadata-service", "--listen-port=0", "--socket=" + socket)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 1200 && !Files.exists(socket); i++) Thread.sleep(50);
            assertTrue(Files.exists(socket), "the metadata service did not start");
            Path uuidFile = dir.resolve("uuid");
            PodTestKit.Finished run = kit.run("run", "--mds-register", "--mds-socket=" + socket, "--uuid-file-save=" + uuidFile,
                    image.toString(), "--exec=/bin/sh", "--", "-c",
                    "U=$AC_METADATA_URL/acMetadata/v1; wget -q -O - $U/pod/uuid; echo; wget -q -O - $U/apps/$AC_APP_NAME/image/id; echo;"
                            + " wget -q -O - ${AC_METADATA_URL%/*}/wrong-token/acMetadata/v1/pod/uuid || echo refused");
            assertEquals(0, run.exitCode(), run.err());
            String uuid = Files.readString(uuidFile).strip();
            List<String> lines = run.out().lines().toList();
            assertEquals(uuid, lines.get(0), run.out());
            assertTrue(lines.get(1).startsWith("sha512-"), run.out());
            assertEquals("refused", lines.get(2), run.out());

            PodTestKit.Finished plain = kit.run("run", image.toString(), "--exec=/bin/sh", "--", "-c", "echo \"[$AC_METADATA_URL]\"");
            assertEquals("[]\n", plain.out(), plain.err());
            PodTestKit.Finished none = kit.run("run", "--net=none", "--mds-register", "--mds-socket=" + socket, image.toString());
            assertEquals(254, none.exitCode());
            assertTrue(none.err().contains("--mds-register needs a network"), none.err());
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        PodTestKit.Finished stopped = kit.run("run", "--mds-register", "--mds-socket=" + socket, image.toString());
        assertEquals(254, stopped.exitCode());
        assertTrue(stopped.err().contains("metadata service is not running"), stopped.err());
    }
}
