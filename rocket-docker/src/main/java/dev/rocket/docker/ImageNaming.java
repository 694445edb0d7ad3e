package dev.rocket.docker;

import java.util.Locale;
import java.util.Optional;

/**
 * How a Docker or OCI image is named in the store, as rkt's docker2aci named it: the registry and
 * repository made an AC Identifier ({@code registry-1.docker.io/library/busybox}, {@code 127.0.0.1_5000/app}),
 * the tag as the {@code version} label.
 *
 * @param registry   registry host and port, or a description of a local source
 * @param repository repository path in the registry
 * @param tag        tag when the image was named by one
 * @param digest     manifest digest when the image was named by one
 */
public record ImageNaming(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    /** The AC Identifier: lower case, other characters made {@code _}, no separator runs or edges. */
    public String acIdentifier() {
        String raw = (registry.isEmpty() ? "" : registry + "/") + repository;
        StringBuilder out = new StringBuilder();
        for (char c : raw.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            char mapped = alnum || "-._~/".indexOf(c) >= 0 ? c : '_';
            boolean separator = !((mapped >= 'a' && mapped <= 'z') || (mapped >= '0' && mapped <= '9'));
            if (separator && (out.isEmpty() || isSeparator(out.charAt(out.length() - 1)))) continue;
            out.append(mapped);
        }
        while (!out.isEmpty() && isSeparator(out.charAt(out.length() - 1))) out.setLength(out.length() - 1);
        return out.isEmpty() ? "docker-image" : out.toString();
    }

    private static boolean isSeparator(char c) {
        return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
}
