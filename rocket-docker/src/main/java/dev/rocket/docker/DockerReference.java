package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code [REGISTRY/]REPO[:TAG|@DIGEST]} as Docker reads it: the first component is a registry when it has a
 * dot or a port or is {@code localhost}; otherwise the image is on Docker Hub, whose one-component names live
 * under {@code library/}. Without tag or digest the tag is {@code latest}.
 */
public record DockerReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    /** The host Docker Hub serves the registry API on (docker2aci named Hub images after it). */
    public static final String DOCKER_HUB = "registry-1.docker.io";

    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public static DockerReference parse(String text) throws RocketException {
        String rest = text;
        Optional<Digest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(Digest.parse(rest.substring(at + 1), "image reference " + text));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) throw invalid(text, "\"" + tag.get() + "\" is not a valid tag");
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals("docker.io") || registry.equals("index.docker.io")) registry = DOCKER_HUB;
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) rest = "library/" + rest;
        if (!REPOSITORY.matcher(rest).matches()) {
            throw invalid(text, "\"" + rest + "\" is not a valid repository name (lower-case letters, digits, separators)");
        }
        if (tag.isEmpty() && digest.isEmpty()) tag = Optional.of("latest");
        return new DockerReference(registry, rest, tag, digest);
    }

    /** The tag or digest to ask the registry for; the digest wins when both are given. */
    public String reference() {
        return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
    }

    public ImageNaming naming() {
        return new ImageNaming(registry, repository, tag, digest);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    private static RocketException invalid(String text, String why) {
        return new RocketException(Kind.INVALID_ARGUMENT, "invalid Docker image reference \"" + text + "\": " + why);
    }
}
