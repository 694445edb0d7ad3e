package dev.rocket.net;

import java.util.List;
import java.util.Objects;

/**
 * The DNS flags of {@code rkt run}: {@code --dns} (servers, or the magic {@code host} or {@code none}),
 * {@code --dns-search}, {@code --dns-opt} and {@code --dns-domain}.
 */
public record DnsOptions(List<String> servers, List<String> search, List<String> options, String domain) {

    public static final DnsOptions NONE_GIVEN = new DnsOptions(List.of(), List.of(), List.of(), "");

    public DnsOptions {
        servers = List.copyOf(servers);
        search = List.copyOf(search);
        options = List.copyOf(options);
        Objects.requireNonNull(domain, "domain");
    }

    boolean copiesHost() {
        return servers.contains("host");
    }

    boolean ignoresCni() {
        return servers.contains("none");
    }

    boolean anyGiven() {
        return !servers.isEmpty() || !search.isEmpty() || !options.isEmpty() || !domain.isEmpty();
    }
}
