package dev.rocket.mds;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the metadata service: the registration socket, the HTTP address and port (0: any free port), the
 * host put into {@code AC_METADATA_URL} when a registration names none, and how often to look for pods whose
 * process has ended.
 */
public record MetadataServiceConfig(Path socket, InetAddress listenAddress, int port, String defaultHost,
                                    Duration reapInterval) {

    /** rkt's registration socket, which {@code rkt run --mds-register} connects to. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/rkt/metadata-svc.sock");
    /** rkt's {@code --listen-port} default. */
    public static final int DEFAULT_PORT = 18112;
    public static final Duration DEFAULT_REAP_INTERVAL = Duration.ofSeconds(5);

    public MetadataServiceConfig {
        if (socket == null || listenAddress == null || defaultHost == null || reapInterval == null) {
            throw new IllegalArgumentException("every metadata service setting must be given");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (reapInterval.isNegative() || reapInterval.isZero()) throw new IllegalArgumentException("reap interval must be positive");
    }
}
