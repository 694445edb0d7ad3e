package dev.rocket.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where to connect for a host name, like curl's {@code --connect-to}: {@code example.com} (any port) or
 * {@code example.com:443} (URLs of that port only) to {@code 127.0.0.1:8443}. The URL keeps its host for everything else (messages, redirects, the store's
 * origin, credentials), only the connection goes elsewhere.
 *
 * <p>Discovery needs host names, and an AC name cannot carry a port, so a test server on a loopback port is
 * unreachable through a hosts file alone ({@code -Djdk.net.hosts.file} maps names, not ports). Routing by
 * name keeps tests off DNS with no JVM-wide setting; rkt has no such option, so only tests and embedders
 * set it. TLS then checks the certificate against the address connected to.
 */
public record HostRoutes(Map<String, String> routes) {

    public static final HostRoutes NONE = new HostRoutes(Map.of());

    public HostRoutes {
        routes = Map.copyOf(routes);
    }

    /** Routes from {@code HOST[:PORT]=ADDRESS:PORT} words, as {@code --connect-to} takes them. */
    public static HostRoutes parse(java.util.List<String> words) throws dev.rocket.base.RocketException {
        Map<String, String> routes = new java.util.HashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals <= 0 || word.lastIndexOf(':') < equals) {
                throw new dev.rocket.base.RocketException(dev.rocket.base.RocketException.Kind.INVALID_ARGUMENT, "--connect-to takes HOST=ADDRESS:PORT, not \"" + word + "\"");
            }
            routes.put(word.substring(0, equals), word.substring(equals + 1));
        }
        return new HostRoutes(routes);
    }

    /** The URL to connect to for {@code url}: its host and port replaced when a route names its host. */
    public URI route(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String target = routes.getOrDefault(url.getHost() + ":" + port, routes.get(url.getHost()));
        if (target == null) return url;
        try {
            URI authority = new URI("//" + target);
            return new URI(url.getScheme(), url.getUserInfo(), authority.getHost(), authority.getPort(), url.getPath(),
                    url.getQuery(), url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad route " + url.getHost() + " -> " + target, e);
        }
    }
}
