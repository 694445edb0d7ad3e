package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A port a pod exposes on the host (pods.md "ports"): the app port named {@code name} is forwarded from
 * {@code hostPort}, on {@code hostIP} if given (all addresses otherwise). {@code podPort}, if given, replaces the
 * port of that name from the images.
 */
public record ExposedPort(AcName name, int hostPort, Optional<Inet4Address> hostIp, Optional<Port> podPort) {

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");

    public ExposedPort {
        if (name == null) throw new IllegalArgumentException("exposed port needs a name");
        if (hostPort < 1 || hostPort > Port.MAX_PORT) throw new IllegalArgumentException("host port out of range: " + hostPort);
        if (hostIp == null || podPort == null) throw new IllegalArgumentException("use Optional.empty() for absent values");
    }

    public static ExposedPort of(String name, int hostPort) {
        return new ExposedPort(new AcName(name), hostPort, Optional.empty(), Optional.empty());
    }

    /** Parses an IPv4 address in dotted-quad notation, the only form the specification allows. */
    public static Inet4Address parseHostIp(String text) throws SpecException {
        if (text == null || !DOTTED_QUAD.matcher(text).matches()) {
            throw new SpecException("hostIP", text, "a host IP must be an IPv4 address in dotted-quad notation,"
                    + " such as 203.0.113.23");
        }
        try {
            return (Inet4Address) InetAddress.getByName(text); // a literal: no name lookup happens
        } catch (UnknownHostException e) {
            throw new SpecException("hostIP", text, "not an IPv4 address");
        }
    }
}
