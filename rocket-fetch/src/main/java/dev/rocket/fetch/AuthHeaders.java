package dev.rocket.fetch;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header to send to each domain (from {@code auth.d}). A header goes only to an
 * HTTPS URL whose host (or host:port) is the domain, so a redirect elsewhere or to plain HTTP carries none.
 */
public record AuthHeaders(Map<String, String> byDomain) {

    public static final AuthHeaders NONE = new AuthHeaders(Map.of());

    public AuthHeaders {
        byDomain = Map.copyOf(byDomain);
    }

    public Optional<String> headerFor(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) return Optional.empty();
        String host = url.getHost().toLowerCase(java.util.Locale.ROOT);
        if (url.getPort() >= 0) {
            String withPort = byDomain.get(host + ":" + url.getPort());
            if (withPort != null) return Optional.of(withPort);
        }
        return Optional.ofNullable(byDomain.get(host));
    }
}
