package dev.rocket.cli.rkt;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.mds.MetadataServiceConfig;
import dev.rocket.net.DnsOptions;
import dev.rocket.net.NetSelection;
import dev.rocket.net.PortMapping;
import dev.rocket.stage0.PodRunOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The flags of {@code rkt run} and {@code rkt run-prepared} that shape the pod's network, names and identity. */
final class NetworkOptions {

    @Option(names = "--net", arity = "0..1", fallbackValue = "", paramLabel = "NET[:ARGS][,NET...]",
            description = "Networks: default (the default), default-restricted, host, none, all, or networks of net.d; "
                    + "NAME:K=V;K=V passes CNI_ARGS. May be repeated.")
    List<String> net = new ArrayList<>();

    @Option(names = "--port", paramLabel = "NAME:[HOSTIP:]HOSTPORT", description = "Forward an app's named port from the host.")
    List<String> ports = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "IP|host|none", split = ",", description = "Name servers for /etc/resolv.conf.")
    List<String> dns = new ArrayList<>();

    @Option(names = "--dns-search", paramLabel = "DOMAIN", description = "Search domains for /etc/resolv.conf.")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--dns-opt", paramLabel = "OPTION", description = "Options for /etc/resolv.conf.")
    List<String> dnsOptions = new ArrayList<>();

    @Option(names = "--dns-domain", paramLabel = "DOMAIN", description = "The domain for /etc/resolv.conf.")
    String dnsDomain = "";

    @Option(names = "--hosts-entry", paramLabel = "IP=HOST|host", description = "Entries of the pod's /etc/hosts; host copies the host's.")
    List<String> hostsEntries = new ArrayList<>();

    @Option(names = "--hostname", description = "The pod's host name (default: rkt-UUID).")
    String hostname;

    @Option(names = "--mds-register", description = "Register the pod with the metadata service (rkt metadata-service); "
            + "needs --net=host or a network that reaches the host.")
    boolean mdsRegister;

    @Option(names = "--mds-socket", paramLabel = "PATH", hidden = true, description = "The metadata service's registration socket.")
    Path mdsSocket = MetadataServiceConfig.DEFAULT_SOCKET;

    PodRunOptions runOptions(boolean interactive, InsecureOptions insecure) throws RocketException {
        List<PortMapping> mappings = new ArrayList<>();
        for (String port : ports) mappings.add(PortMapping.parse(port));
        return new PodRunOptions(NetSelection.parse(net), mappings, new DnsOptions(dns, dnsSearch, dnsOptions, dnsDomain),
                hostsEntries, Optional.ofNullable(hostname), interactive,
                mdsRegister ? Optional.of(mdsSocket) : Optional.empty(), insecure);
    }
}
