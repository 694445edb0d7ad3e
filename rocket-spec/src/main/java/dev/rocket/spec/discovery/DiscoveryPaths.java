package dev.rocket.spec.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Where discovery looks for meta tags: the name itself, then each parent path up to the host alone. */
public final class DiscoveryPaths {

    private DiscoveryPaths() {
    }

    /** {@code example.com/a/b} gives {@code example.com/a/b}, {@code example.com/a}, {@code example.com}. */
    public static List<String> candidates(String name) {
        List<String> paths = new ArrayList<>();
        for (String path = name; ; ) {
            paths.add(path);
            int slash = path.lastIndexOf('/');
            if (slash < 0) return paths;
            path = path.substring(0, slash);
        }
    }

    /** {@code SCHEME://{path}?ac-discovery=1}. */
    public static URI discoveryUrl(String scheme, String path) {
        return URI.create(scheme + "://" + path + "?ac-discovery=1");
    }
}
