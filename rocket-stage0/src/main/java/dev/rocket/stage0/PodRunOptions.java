package dev.rocket.stage0;

import dev.rocket.base.InsecureOptions;
import dev.rocket.net.DnsOptions;
import dev.rocket.net.NetSelection;
import dev.rocket.net.PortMapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What is decided when a pod starts rather than when it is prepared: flags of {@code rkt run} that
 * {@code rkt run-prepared} takes too.
 *
 * @param net          {@code --net}: the host's network, none (loopback only), or CNI networks
 * @param ports        {@code --port}: apps' named ports forwarded from the host
 * @param dns          {@code --dns}, {@code --dns-search}, {@code --dns-opt}, {@code --dns-domain}
 * @param hostsEntries {@code --hosts-entry}: IP=NAME entries of the pod's /etc/hosts, or {@code host}
 * @param hostname     the pod's host name; {@code rkt-<uuid>} when empty
 * @param interactive  {@code --interactive}: one app, with the terminal's standard input
 * @param mdsRegister  {@code --mds-register}: the metadata service's registration socket to register the pod
 *                     at, giving the apps {@code AC_METADATA_URL}; empty to register nowhere
 */
public record PodRunOptions(NetSelection net, List<PortMapping> ports, DnsOptions dns, List<String> hostsEntries,
                            Optional<String> hostname, boolean interactive, Optional<Path> mdsRegister, InsecureOptions insecure) {

    public PodRunOptions {
        ports = List.copyOf(ports);
        hostsEntries = List.copyOf(hostsEntries);
    }

    public boolean hostNetwork() {
        return net.mode() == NetSelection.Mode.HOST;
    }
}
