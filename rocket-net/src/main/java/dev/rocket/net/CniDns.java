package dev.rocket.net;

import java.util.List;
import java.util.Objects;

/** The {@code dns} object of a CNI result; every part may be empty. */
public record CniDns(List<String> nameservers, String domain, List<String> search, List<String> options) {

    public static final CniDns EMPTY = new CniDns(List.of(), "", List.of(), List.of());

    public CniDns {
        nameservers = List.copyOf(nameservers);
        Objects.requireNonNull(domain, "domain");
        search = List.copyOf(search);
        options = List.copyOf(options);
    }

    public boolean isEmpty() {
        return nameservers.isEmpty() && domain.isEmpty() && search.isEmpty() && options.isEmpty();
    }
}
