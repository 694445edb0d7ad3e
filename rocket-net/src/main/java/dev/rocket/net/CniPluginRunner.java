package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one CNI plugin binary as the CNI specification says: the parameters in {@code CNI_*} environment
 * variables, the network configuration on stdin, the result (or a JSON error) on stdout.
 */
public final class CniPluginRunner {

    /** Commands of the CNI protocol that Rocket uses. */
    public enum Command { ADD, DEL }

    private static final ObjectMapper JSON = new ObjectMapper();
    // A plugin that hangs (e.g. on a stuck iptables lock) must not hang the pod's start or stop forever.
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final List<Path> pluginDirs;
    private final Duration timeout;

    public CniPluginRunner(List<Path> pluginDirs) {
        this(pluginDirs, DEFAULT_TIMEOUT);
    }

    CniPluginRunner(List<Path> pluginDirs, Duration timeout) {
        this.pluginDirs = List.copyOf(pluginDirs);
        this.timeout = timeout;
    }

    /** Runs the plugin named by the configuration's {@code type}; returns its result ({@code null} for DEL). */
    public JsonNode run(Command command, ObjectNode config, CniInvocation invocation) throws RocketException {
        String type = config.path("type").asText();
        String network = config.path("name").asText();
        Path binary = find(type, network);
        ProcessBuilder builder = new ProcessBuilder(binary.toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CNI_"));
        env.put("CNI_COMMAND", command.name());
        env.put("CNI_CONTAINERID", invocation.containerId());
        env.put("CNI_NETNS", invocation.netns());
        env.put("CNI_IFNAME", invocation.ifName());
        env.put("CNI_PATH", pluginDirs.stream().map(Path::toString).collect(Collectors.joining(":")));
        if (!invocation.cniArgs().isEmpty()) env.put("CNI_ARGS", invocation.cniArgs());
        // Plugins run iptables and friends by name; a JVM started without sbin in PATH must not hide them.
        env.merge("PATH", HostTools.SBIN_PATH, (old, sbin) -> old + ":" + sbin);
        String what = "network '" + network + "': CNI plugin '" + type + "' " + command + " on " + invocation.ifName();
        try {
            Process process = builder.start();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread outReader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), stdout));
            Thread errReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(config));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new RocketException(RocketException.Kind.UNAVAILABLE, what + " did not finish in "
                        + timeout.toSeconds() + " s and was killed");
            }
            outReader.join();
            errReader.join();
            if (process.exitValue() != 0) throw failure(what, process.exitValue(), stdout.toByteArray(), stderr);
            if (command != Command.ADD || stdout.size() == 0) return null;
            return JSON.readTree(stdout.toByteArray());
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE, what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(RocketException.Kind.UNAVAILABLE, what + " was interrupted", e);
        }
    }

    /** The plugin binary of a configuration's {@code type}, from the first plugin directory that has it. */
    Path find(String type, String network) throws RocketException {
        if (type.isEmpty() || type.contains("/")) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "network '" + network + "' has an invalid plugin type '" + type + "'");
        }
        for (Path dir : pluginDirs) {
            Path candidate = dir.resolve(type);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        throw new RocketException(RocketException.Kind.FAILED_PRECONDITION, "network '" + network
                + "': CNI plugin '" + type + "' not found in " + pluginDirs
                + " (install containernetworking-plugins or add the plugin to a plugin directory)");
    }

    private static RocketException failure(String what, int exit, byte[] stdout, ByteArrayOutputStream stderr) {
        String detail;
        try {
            JsonNode error = JSON.readTree(stdout);
            if (error == null || !error.has("msg")) throw new IOException("not a CNI error");
            detail = error.path("msg").asText("") + (error.hasNonNull("details") && !error.path("details").asText().isEmpty()
                    ? ": " + error.path("details").asText() : "")
                    + " (CNI error code " + error.path("code").asText("?") + ")";
        } catch (IOException | RuntimeException e) {
            detail = new String(stdout, StandardCharsets.UTF_8).strip();
        }
        String err = stderr.toString(StandardCharsets.UTF_8).strip();
        if (detail.isBlank()) detail = err.isEmpty() ? "exit status " + exit : err;
        return new RocketException(RocketException.Kind.UNAVAILABLE, what + " failed: " + detail);
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try {
            in.transferTo(sink);
        } catch (IOException ignored) {
            // The process died; what was read so far is all the diagnostics there are.
        }
    }
}
