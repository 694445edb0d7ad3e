package dev.rocket.net;

import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the process setting up a pod's networks, in the middle of a plugin's ADD; needs root. */
class PodNetworkingKillTest {

    @TempDir
    Path tmp;

    @Test
    void teardownCleansUpAfterKillDashNineMidSetup() throws Exception {
        Path pluginDir = Files.createDirectories(tmp.resolve("plugins"));
        Path marker = tmp.resolve("hanging");
        // A ptp that, on ADD, does its work and then hangs until killed.
        Path hang = pluginDir.resolve("hangingptp");
        Files.writeString(hang, """
                #!/bin/sh
                if [ "$CNI_COMMAND" = ADD ]; then /usr/lib/cni/ptp > /dev/null; touch %s; exec sleep 600; fi
                exec /usr/lib/cni/ptp
                """.formatted(marker));
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path netD = Files.createDirectories(tmp.resolve("net.d"));
        Files.writeString(netD.resolve("10-first.conf"), """
                {"name": "first", "type": "ptp", "ipMasq": true, "ipam": {"type": "host-local", "subnet": "10.215.0.0/24"}}
                """);
        Files.writeString(netD.resolve("20-stuck.conf"), """
                {"name": "stuck", "type": "hangingptp", "ipMasq": true, "ipam": {"type": "host-local", "subnet": "10.216.0.0/24"}}
                """);
        Path ipamDir = tmp.resolve("ipam");
        PodUuid uuid = PodUuid.random();
        Path podDir = Files.createDirectories(tmp.resolve("pod"));
        Path netns = podDir.resolve("stage1/ns/net");
        NetnsFile.create(netns);
        NetworkSettings settings = new NetworkSettings(List.of(pluginDir, Path.of("/usr/lib/cni")), List.of(netD), ipamDir);
        try {
            Process child = java(SetUpChild.class.getName(), pluginDir.toString(), netD.toString(), ipamDir.toString(),
                    uuid.toString(), netns.toString(), podDir.toString(), "first,stuck")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
            while (!Files.exists(marker) && child.isAlive()) Thread.sleep(20);
            assertTrue(child.isAlive(), () -> "child ended early: " + read(tmp.resolve("child.log")));
            List<ProcessHandle> plugins = child.descendants().toList();
            child.destroyForcibly().waitFor();
            plugins.forEach(ProcessHandle::destroyForcibly);
            assertTrue(HostCommands.run("ip", "-o", "addr").contains("10.216.0.1/32"), "the hung ADD did its work");

            // Teardown from a fresh process that knows only the pod directory, as the pod's exit path or gc would.
            Process teardown = java(NetworkTeardownMain.class.getName(), podDir.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("teardown.log").toFile()).start();
            assertEquals(0, teardown.waitFor(), () -> read(tmp.resolve("teardown.log")));

            String addresses = HostCommands.run("ip", "-o", "addr");
            assertFalse(addresses.contains("10.215.") || addresses.contains("10.216."), addresses);
            assertFalse(HostCommands.iptablesRules().contains(uuid.toString()), "iptables rules left");
            assertFalse(Files.exists(podDir.resolve(PodNetworkState.FILE_NAME)));
            for (String network : List.of("first", "stuck")) {
                try (Stream<Path> files = Files.list(ipamDir.resolve(network))) {
                    assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                            .filter(name -> !name.equals("lock") && !name.startsWith("last_reserved_ip")).toList());
                }
            }
        } finally {
            new PodNetworking(settings).tearDown(podDir);
            NetnsFile.remove(netns);
        }
    }

    private static ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
