package dev.rocket.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.AtomicFile;
import dev.rocket.base.RocketException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A bash script, written beside {@code networking.json} once a pod's networks are set up, that runs the exact
 * CNI DEL invocations {@link PodNetworking#tearDownSaved} would (same plugins, configurations with their
 * {@code prevResult}, {@code CNI_*} parameters, last network and last plugin first), so that the pod's process
 * leaves its networks when its apps exit without starting a JVM. It finds the pod directory from its own path,
 * so it still works after the directory moved. When every DEL succeeded and no iptables rule tagged with the
 * pod's ID is left, it deletes the saved state and itself; otherwise it keeps both, says so on stderr, and gc's
 * {@link PodNetworking#tearDownSaved} retries (DEL is idempotent) and sweeps the rules.
 */
final class TeardownScript {

    static final String FILE_NAME = "networking-teardown.sh";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As {@link CniPluginRunner}'s timeout: a hung plugin must not keep the pod's process forever. */
    private static final int TIMEOUT_SECONDS = 120;

    private TeardownScript() {
    }

    static Path fileIn(Path podDir) {
        return podDir.resolve(FILE_NAME);
    }

    /** Writes the script for the pod's saved state; its path. */
    static Path write(Path podDir, PodNetworkState state) throws RocketException {
        Path file = fileIn(podDir);
        try {
            AtomicFile.write(file, text(state));
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE,
                    "cannot write the pod's network teardown script " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static void delete(Path podDir) throws RocketException {
        Path file = fileIn(podDir);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    static String text(PodNetworkState state) throws RocketException {
        List<String> lines = new ArrayList<>();
        lines.add("# Leaves the pod's CNI networks (written by rkt; see networking.json). Run with bash.");
        lines.add("dir=${BASH_SOURCE[0]%/*}; [ \"$dir\" != \"${BASH_SOURCE[0]}\" ] || dir=.");
        lines.add("cd -- \"$dir\" || exit 1");
        lines.add("pod=$PWD");
        lines.add("export PATH=" + quote(HostTools.SBIN_PATH));
        lines.add("for name in ${!CNI_@}; do unset \"$name\"; done");
        lines.add("export CNI_COMMAND=DEL CNI_CONTAINERID=" + quote(state.containerId()) + " CNI_NETNS="
                + netns(state) + " CNI_PATH=" + quote(state.pluginDirs().stream().map(Path::toString)
                .collect(Collectors.joining(":"))));
        lines.add("failed=0");
        // del IFNAME CNI_ARGS PLUGIN WHAT CONFIG: one plugin's DEL, its output shown only if it fails
        lines.add("del() {");
        lines.add("  local out");
        lines.add("  out=$(CNI_IFNAME=$1 CNI_ARGS=$2 timeout " + TIMEOUT_SECONDS + " \"$3\" <<<\"$5\" 2>&1) && return 0");
        lines.add("  echo \"rkt: warning: $4 failed: ${out:-exit status $?}; rkt gc retries\" >&2");
        lines.add("  failed=1");
        lines.add("}");
        boolean masquerading = false;
        List<ObjectNode> entries = state.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            ObjectNode entry = entries.get(i);
            String ifName = entry.path("ifName").asText();
            if (!ifName.equals("lo")) masquerading = true;
            JsonNode chain = entry.path("plugins");
            for (int j = chain.size() - 1; j >= 0; j--) {
                ObjectNode config = ((ObjectNode) chain.get(j)).deepCopy();
                if (entry.hasNonNull("result")) config.set("prevResult", entry.get("result"));
                String type = config.path("type").asText();
                String network = config.path("name").asText();
                Path binary = new CniPluginRunner(state.pluginDirs()).find(type, network);
                String what = "network '" + network + "': CNI plugin '" + type + "' DEL on " + ifName;
                lines.add("del " + quote(ifName) + " " + quote(entry.path("cniArgs").asText("")) + " "
                        + quote(binary.toString()) + " " + quote(what) + " " + quote(json(config)));
            }
        }
        lines.add("[ $failed -eq 0 ] || exit 1");
        if (masquerading) {
            // the sweep of rules a plugin could not find is gc's (IptablesSweep): keep the state for it
            lines.add("if command -v iptables-save >/dev/null && iptables-save 2>/dev/null | grep -qF "
                    + quote("id: \\\"" + state.containerId() + "\\\"") + "; then exit 0; fi");
        }
        lines.add("rm -f " + JoinedNetworks.FILE_NAME + " " + PodNetworkState.FILE_NAME + " " + FILE_NAME);
        return String.join("\n", lines) + "\n";
    }

    private static String netns(PodNetworkState state) {
        String inPod = state.netnsInPod();
        return inPod != null ? "\"$pod\"/" + quote(inPod) : quote(state.netns());
    }

    private static String json(ObjectNode config) throws RocketException {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.INTERNAL, "cannot write a CNI configuration: " + e.getMessage(), e);
        }
    }

    /** Single-quotes a word for bash. */
    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
