package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CNI calling convention, checked with small shell-script plugins that record what they were given. */
class CniPluginRunnerTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private Path plugin(String name, String body) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private ObjectNode config(String type) throws Exception {
        return (ObjectNode) json.readTree("{\"cniVersion\": \"0.4.0\", \"name\": \"net1\", \"type\": \"" + type + "\"}");
    }

    @Test
    void passesParametersInTheEnvironmentAndConfigOnStdin() throws Exception {
        Path record = tmp.resolve("record");
        Path dir = plugin("recorder", "env | grep ^CNI_ | sort > " + record + "; cat >> " + record
                + "; echo '{\"cniVersion\": \"0.4.0\", \"ips\": [{\"address\": \"10.9.0.2/24\"}]}'");
        Path other = Files.createDirectories(tmp.resolve("other"));
        CniPluginRunner runner = new CniPluginRunner(List.of(other, dir));
        JsonNode result = runner.run(CniPluginRunner.Command.ADD, config("recorder"),
                new CniInvocation("c-1", "/run/ns/x", "eth0", "IgnoreUnknown=1;IP=10.9.0.2"));
        assertEquals("10.9.0.2/24", result.path("ips").path(0).path("address").asText());
        String seen = Files.readString(record);
        assertTrue(seen.contains("CNI_COMMAND=ADD\n") && seen.contains("CNI_CONTAINERID=c-1\n")
                && seen.contains("CNI_NETNS=/run/ns/x\n") && seen.contains("CNI_IFNAME=eth0\n")
                && seen.contains("CNI_ARGS=IgnoreUnknown=1;IP=10.9.0.2\n")
                && seen.contains("CNI_PATH=" + other + ":" + dir + "\n"), seen);
        assertTrue(seen.endsWith("{\"cniVersion\":\"0.4.0\",\"name\":\"net1\",\"type\":\"recorder\"}"), seen);
    }

    @Test
    void aCniErrorBecomesAMessageNamingNetworkPluginAndCommand() throws Exception {
        Path dir = plugin("failing", "cat > /dev/null; echo '{\"cniVersion\": \"0.4.0\", \"code\": 11, "
                + "\"msg\": \"failed to allocate\", \"details\": \"range full\"}'; exit 1");
        RocketException e = assertThrows(RocketException.class, () -> new CniPluginRunner(List.of(dir))
                .run(CniPluginRunner.Command.DEL, config("failing"), new CniInvocation("c", "", "eth1", "")));
        assertEquals("network 'net1': CNI plugin 'failing' DEL on eth1 failed: failed to allocate: range full "
                + "(CNI error code 11)", e.getMessage());
        Path crashing = plugin("crashing", "cat > /dev/null; echo 'panic: oops' >&2; exit 2");
        RocketException crash = assertThrows(RocketException.class, () -> new CniPluginRunner(List.of(crashing))
                .run(CniPluginRunner.Command.ADD, config("crashing"), new CniInvocation("c", "", "eth0", "")));
        assertTrue(crash.getMessage().endsWith("failed: panic: oops"), crash.getMessage());
    }

    @Test
    void aHangingPluginIsKilledWithItsChildren() throws Exception {
        Path pidFile = tmp.resolve("sleep.pid");
        Path dir = plugin("hanging", "cat > /dev/null; sleep 600 & echo $! > " + pidFile + "; wait");
        RocketException e = assertThrows(RocketException.class, () -> new CniPluginRunner(List.of(dir),
                java.time.Duration.ofSeconds(1)).run(CniPluginRunner.Command.ADD, config("hanging"),
                new CniInvocation("c", "", "eth0", "")));
        assertTrue(e.getMessage().contains("did not finish") && e.getMessage().contains("killed"), e.getMessage());
        // On a loaded machine the shell may be killed before it started sleep; then there is nothing to check.
        if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
            long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(sleepPid).ifPresent(p -> p.onExit().join());
        }
    }

    @Test
    void aMissingPluginNamesTheDirectoriesSearched() throws Exception {
        RocketException e = assertThrows(RocketException.class, () -> new CniPluginRunner(List.of(tmp))
                .run(CniPluginRunner.Command.ADD, config("nosuch"), new CniInvocation("c", "", "eth0", "")));
        assertEquals(RocketException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("'nosuch' not found in [" + tmp + "]"), e.getMessage());
    }
}
