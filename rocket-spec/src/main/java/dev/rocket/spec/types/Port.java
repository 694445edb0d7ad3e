package dev.rocket.spec.types;

import dev.rocket.spec.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * A port, or range of {@code count} ports from {@code port}, an app listens on (aci.md "ports"), or a pod's
 * override of one (pods.md "podPort").
 *
 * @param protocol        free-form, typically {@code tcp} or {@code udp}; never empty
 * @param count           the number of ports in the range; 1 unless given
 * @param socketActivated whether the executor must pass listening sockets to the app
 */
public record Port(AcName name, String protocol, int port, int count, boolean socketActivated) {

    public static final int MAX_PORT = 65535;

    public Port {
        if (name == null) throw new IllegalArgumentException("port needs a name");
        if (protocol == null) throw new IllegalArgumentException("port " + name + " needs a protocol");
        Violation.requireNone(problems(protocol, port, count));
    }

    public static Port of(String name, String protocol, int port) {
        return new Port(new AcName(name), protocol, port, 1, false);
    }

    /** Rules on the numbers and protocol; paths are the field names ({@code $.port}). */
    public static List<Violation> problems(String protocol, long port, long count) {
        List<Violation> problems = new ArrayList<>();
        if (protocol.isEmpty()) problems.add(new Violation("$.protocol", protocol, "a port's protocol must not be empty"));
        if (port < 1 || port > MAX_PORT) {
            problems.add(new Violation("$.port", Long.toString(port), "a port number must be from 1 to " + MAX_PORT));
        } else if (count < 1) {
            problems.add(new Violation("$.count", Long.toString(count), "a port count must be at least 1"));
        } else if (port + count - 1 > MAX_PORT) {
            problems.add(new Violation("$.count", Long.toString(count),
                    "the port range " + port + " to " + (port + count - 1) + " ends above " + MAX_PORT));
        }
        return problems;
    }

    /** The last port of the range. */
    public int lastPort() {
        return port + count - 1;
    }
}
