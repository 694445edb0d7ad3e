package dev.rocket.net;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.PodUuid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's {@code /etc/hosts} from {@code --hosts-entry} ({@code IP=HOST} pairs, or {@code host} to bind-mount the
 * host's file) and the pod's hostname. Pure: stage0 writes {@link #content()} or bind-mounts the host's file.
 */
public record HostsFile(boolean copiesHost, String content) {

    private static final String DEFAULTS = """
            127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4
            ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6
            """;

    /** rkt's hostname for a pod without {@code --hostname}: {@code rkt-<uuid>}. */
    public static String defaultHostname(PodUuid pod) {
        return "rkt-" + pod;
    }

    /**
     * @param flagValues every {@code --hosts-entry} value, each a comma-separated list of {@code IP=HOST}
     * @param hostname   the pod's hostname ({@code --hostname}, default {@code rkt-<uuid>})
     * @param podIp      the pod's first address (without prefix length), if it has one, for its hostname
     */
    public static HostsFile render(List<String> flagValues, String hostname, Optional<String> podIp)
            throws RocketException {
        Map<String, List<String>> namesByIp = new LinkedHashMap<>();
        boolean host = false;
        for (String value : flagValues) {
            for (String item : value.split(",", -1)) {
                String entry = item.strip();
                if (entry.equals("host")) {
                    host = true;
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                            "--hosts-entry '" + entry + "' is not IP=HOST or 'host'");
                }
                namesByIp.computeIfAbsent(entry.substring(0, eq), ip -> new ArrayList<>())
                        .add(entry.substring(eq + 1));
            }
        }
        if (host) {
            if (!namesByIp.isEmpty()) {
                throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                        "--hosts-entry=host cannot be combined with IP=HOST entries");
            }
            return new HostsFile(true, "");
        }
        StringBuilder text = new StringBuilder(DEFAULTS);
        text.append(podIp.orElse("127.0.0.1")).append('\t').append(hostname).append('\n');
        if (!namesByIp.isEmpty()) text.append('\n');
        namesByIp.forEach((ip, names) -> text.append(ip).append('\t').append(String.join(" ", names)).append('\n'));
        return new HostsFile(false, text.toString());
    }
}
