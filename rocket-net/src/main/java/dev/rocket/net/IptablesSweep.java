package dev.rocket.net;

import dev.rocket.base.RocketException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the iptables rules the CNI plugins tagged with a pod's container ID (their comments read
 * {@code id: "<uuid>"}) and the {@code CNI-*} chains only those rules jumped to. Plugin DEL normally does this,
 * but ptp and bridge can only find their masquerade rules through the pod's namespace: if it is already gone,
 * their rules would stay forever. Runs {@code iptables-save} and one {@code iptables-restore --noflush} script
 * per table, so the lines deleted are byte for byte those the plugins added.
 */
final class IptablesSweep {

    private static final Pattern JUMP = Pattern.compile(" -[jg] (CNI-[A-Za-z0-9_-]+)");

    private IptablesSweep() {
    }

    static void removeRulesOf(String containerId) throws RocketException {
        String saved;
        try {
            saved = run(List.of("iptables-save"), null);
        } catch (NotInstalled e) {
            return; // Without iptables no plugin could have added a rule.
        }
        String tag = "id: \\\"" + containerId + "\\\"";
        for (String script : restoreScripts(saved, tag)) {
            try {
                run(List.of("iptables-restore", "--noflush"), script);
            } catch (NotInstalled e) {
                return;
            }
        }
    }

    /** One script per table that has tagged rules: delete them, then flush and delete chains left unreferenced. */
    static List<String> restoreScripts(String saved, String tag) {
        List<String> scripts = new ArrayList<>();
        String table = null;
        List<String> tableLines = new ArrayList<>();
        for (String line : saved.lines().toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1);
                tableLines.clear();
            } else if (line.equals("COMMIT") && table != null) {
                String script = scriptFor(table, tableLines, tag);
                if (script != null) scripts.add(script);
                table = null;
            } else if (line.startsWith("-A ")) {
                tableLines.add(line);
            }
        }
        return scripts;
    }

    private static String scriptFor(String table, List<String> rules, String tag) {
        List<String> removed = rules.stream().filter(rule -> rule.contains(tag)).toList();
        if (removed.isEmpty()) return null;
        Set<String> chains = new LinkedHashSet<>();
        for (String rule : removed) {
            Matcher jump = JUMP.matcher(rule);
            if (jump.find()) chains.add(jump.group(1));
        }
        for (String rule : rules) {
            if (removed.contains(rule)) continue;
            Matcher jump = JUMP.matcher(rule);
            if (jump.find()) chains.remove(jump.group(1));
        }
        StringBuilder script = new StringBuilder("*").append(table).append('\n');
        for (String rule : removed) {
            String chain = rule.substring(3, rule.indexOf(' ', 3));
            if (!chains.contains(chain)) script.append("-D ").append(rule.substring(3)).append('\n');
        }
        for (String chain : chains) script.append("-F ").append(chain).append('\n');
        for (String chain : chains) script.append("-X ").append(chain).append('\n');
        return script.append("COMMIT\n").toString();
    }

    private static final class NotInstalled extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static String run(List<String> argv, String stdin) throws RocketException, NotInstalled {
        Path program = HostTools.find(argv.getFirst()).orElseThrow(NotInstalled::new);
        List<String> command = new ArrayList<>(argv);
        command.set(0, program.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new RocketException(RocketException.Kind.UNAVAILABLE, String.join(" ", argv)
                        + " failed while removing a pod's leftover iptables rules: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE, String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(RocketException.Kind.UNAVAILABLE, String.join(" ", argv) + " was interrupted", e);
        }
    }
}
