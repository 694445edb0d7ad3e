package dev.rocket.net;

import dev.rocket.base.RocketException;

import java.util.Objects;
import java.util.Optional;

/** One {@code --port=NAME:[HOSTIP:]HOSTPORT}: forward a host port to the app port named {@code portName}. */
public record PortMapping(String portName, Optional<String> hostIp, int hostPort) {

    public PortMapping {
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(hostIp, "hostIp");
    }

    public static PortMapping parse(String flagValue) throws RocketException {
        int first = flagValue.indexOf(':');
        int last = flagValue.lastIndexOf(':');
        if (first <= 0 || last == flagValue.length() - 1) throw invalid(flagValue);
        String name = flagValue.substring(0, first);
        Optional<String> hostIp = first == last ? Optional.empty()
                : Optional.of(flagValue.substring(first + 1, last));
        if (hostIp.isPresent() && !looksLikeIpv4(hostIp.get())) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "host IP '" + hostIp.get() + "' in --port=" + flagValue + " is not an IPv4 address");
        }
        int port;
        try {
            port = Integer.parseInt(flagValue.substring(last + 1));
        } catch (NumberFormatException e) {
            throw invalid(flagValue);
        }
        if (port < 1 || port > 65535) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                    "host port " + port + " in --port=" + flagValue + " is outside 1-65535");
        }
        return new PortMapping(name, hostIp, port);
    }

    private static boolean looksLikeIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return false;
            if (Integer.parseInt(part) > 255) return false;
        }
        return true;
    }

    private static RocketException invalid(String flagValue) {
        return new RocketException(RocketException.Kind.INVALID_ARGUMENT,
                "--port=" + flagValue + " is not NAME:[HOSTIP:]HOSTPORT (e.g. --port=http:8080)");
    }
}
