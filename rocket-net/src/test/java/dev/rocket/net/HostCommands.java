package dev.rocket.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs host tools (ip, iptables-save, nsenter) and returns their output. */
final class HostCommands {

    private HostCommands() {
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) throw new IOException(String.join(" ", argv) + " exited " + exit + ": " + output);
        return output;
    }

    static String inNetns(Path netns, String... argv) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + netns, "--"));
        command.addAll(List.of(argv));
        return run(command.toArray(String[]::new));
    }

    static String links() throws IOException, InterruptedException {
        return run("ip", "-o", "link");
    }

    static String iptablesRules() throws IOException, InterruptedException {
        return run("iptables-save");
    }

    /**
     * Removes the portmap plugin's shared CNI-HOSTPORT-* chains if they were absent before the test and no pod's
     * rules hang off them now; the plugin creates them once per host and never removes them.
     */
    static void removeUnusedHostportChains(String rulesBefore) throws IOException, InterruptedException {
        if (rulesBefore.contains("CNI-HOSTPORT-DNAT")) return;
        String now = iptablesRules();
        if (now.lines().anyMatch(line -> line.startsWith("-A CNI-HOSTPORT-DNAT"))) return;
        quietly("iptables", "-t", "nat", "-D", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT");
        quietly("iptables", "-t", "nat", "-D", "OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT");
        quietly("iptables", "-t", "nat", "-D", "POSTROUTING", "-m", "comment", "--comment",
                "CNI portfwd requiring masquerade", "-j", "CNI-HOSTPORT-MASQ");
        for (String chain : List.of("CNI-HOSTPORT-DNAT", "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK")) {
            quietly("iptables", "-t", "nat", "-F", chain);
            quietly("iptables", "-t", "nat", "-X", chain);
        }
    }

    private static void quietly(String... argv) throws InterruptedException {
        try {
            run(argv);
        } catch (IOException absent) {
            // Already gone.
        }
    }
}
