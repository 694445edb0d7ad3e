package dev.rocket.net;

import dev.rocket.base.RocketException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code --net} flags ask for: the host's namespace, loopback only, or a list of networks to join.
 * Without {@code default} (or {@code all}) among them, {@code default-restricted} is joined too, as rkt does, so
 * that a pod can always reach the host side.
 */
public record NetSelection(Mode mode, List<NetworkRequest> requests, boolean allConfigured) {

    public static final String DEFAULT = "default";
    public static final String DEFAULT_RESTRICTED = "default-restricted";
    private static final String ALL = "all";

    /** How the pod's network namespace is set up. */
    public enum Mode {
        /** The pod shares the host's network namespace: nothing to set up. */
        HOST,
        /** A network namespace of its own with only loopback. */
        NONE,
        /** A network namespace of its own joined to the networks requested. */
        CONTAINED
    }

    public NetSelection {
        requests = List.copyOf(requests);
    }

    /** The selection when {@code --net} is absent: the default network. */
    public static NetSelection defaultNetwork() {
        return new NetSelection(Mode.CONTAINED, List.of(NetworkRequest.of(DEFAULT)), false);
    }

    /**
     * Reads every value of the repeated {@code --net} flag, e.g. {@code ["default,net1:IP=10.1.0.5", "net2"]}.
     * An empty list or an empty value means the default network.
     */
    public static NetSelection parse(List<String> flagValues) throws RocketException {
        Map<String, NetworkRequest> byName = new LinkedHashMap<>();
        boolean all = false;
        Mode special = null;
        for (String value : flagValues) {
            String trimmed = value.strip();
            if (trimmed.isEmpty()) continue; // A bare --net asks for the default, which is what nothing else gives.
            for (String item : trimmed.split(",", -1)) {
                NetworkRequest request = parseItem(item.strip());
                switch (request.name()) {
                    case "host" -> special = alone(special, Mode.HOST, request);
                    case "none" -> special = alone(special, Mode.NONE, request);
                    case ALL -> {
                        if (!request.cniArgs().isEmpty()) throw invalid("'all' takes no arguments: " + item);
                        all = true;
                    }
                    default -> add(byName, request);
                }
            }
        }
        if (special != null) {
            if (all || !byName.isEmpty()) {
                throw invalid("--net=" + special.name().toLowerCase() + " cannot be combined with other networks");
            }
            return new NetSelection(special, List.of(), false);
        }
        if (byName.isEmpty() && !all) return defaultNetwork();
        List<NetworkRequest> requests = new ArrayList<>(byName.values());
        if (!all && !byName.containsKey(DEFAULT) && !byName.containsKey(DEFAULT_RESTRICTED)) {
            requests.add(NetworkRequest.of(DEFAULT_RESTRICTED));
        }
        if (all && !byName.containsKey(DEFAULT)) requests.add(NetworkRequest.of(DEFAULT));
        return new NetSelection(Mode.CONTAINED, requests, all);
    }

    private static Mode alone(Mode seen, Mode mode, NetworkRequest request) throws RocketException {
        if (!request.cniArgs().isEmpty()) throw invalid("--net=" + request.name() + " takes no arguments");
        if (seen != null && seen != mode) throw invalid("--net=host and --net=none exclude each other");
        return mode;
    }

    private static NetworkRequest parseItem(String item) throws RocketException {
        if (item.isEmpty()) throw invalid("empty network name in --net (check for a stray comma)");
        int colon = item.indexOf(':');
        String name = colon < 0 ? item : item.substring(0, colon);
        String args = colon < 0 ? "" : item.substring(colon + 1);
        if (name.isEmpty()) throw invalid("network name missing before ':' in --net=" + item);
        if (colon >= 0) checkArgs(item, args);
        return new NetworkRequest(name, args);
    }

    private static void checkArgs(String item, String args) throws RocketException {
        if (args.isEmpty()) throw invalid("no arguments after ':' in --net=" + item);
        for (String pair : args.split(";", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw invalid("network argument '" + pair + "' in --net=" + item + " is not KEY=VALUE");
        }
    }

    private static void add(Map<String, NetworkRequest> byName, NetworkRequest request) throws RocketException {
        if (byName.putIfAbsent(request.name(), request) != null) {
            throw invalid("network '" + request.name() + "' is given more than once in --net");
        }
    }

    private static RocketException invalid(String message) {
        return new RocketException(RocketException.Kind.INVALID_ARGUMENT, message);
    }
}
