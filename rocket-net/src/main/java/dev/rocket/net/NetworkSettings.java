package dev.rocket.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where pod networking finds its parts: the CNI plugin binaries, the {@code net.d} directories of network
 * configurations (first wins when two hold a file of the same name: local before system), and the directory
 * where the host-local IPAM plugin keeps its reservations (Rocket's own, never {@code /var/lib/cni}).
 */
public record NetworkSettings(List<Path> pluginDirs, List<Path> configDirs, Path ipamDir) {

    public NetworkSettings {
        pluginDirs = List.copyOf(pluginDirs);
        configDirs = List.copyOf(configDirs);
        Objects.requireNonNull(ipamDir, "ipamDir");
        if (pluginDirs.isEmpty()) throw new IllegalArgumentException("at least one CNI plugin directory is needed");
    }

    /**
     * rkt's layout: configurations in {@code LOCAL/net.d} then {@code SYSTEM/net.d}, plugins in
     * {@code /usr/lib/rkt/plugins/net}, {@code LOCAL/net.d} and Debian's {@code /usr/lib/cni}, IPAM state in
     * {@code DATA/net/ipam}.
     *
     * @param localConfigDir  {@code --local-config}, default {@code /etc/rkt}
     * @param systemConfigDir {@code --system-config}, default {@code /usr/lib/rkt}
     * @param dataDir         {@code --dir}, default {@code /var/lib/rkt}
     */
    public static NetworkSettings of(Path localConfigDir, Path systemConfigDir, Path dataDir) {
        Path localNetD = localConfigDir.resolve("net.d");
        return new NetworkSettings(
                List.of(Path.of("/usr/lib/rkt/plugins/net"), localNetD, Path.of("/usr/lib/cni")),
                List.of(localNetD, systemConfigDir.resolve("net.d")),
                dataDir.resolve("net").resolve("ipam"));
    }
}
