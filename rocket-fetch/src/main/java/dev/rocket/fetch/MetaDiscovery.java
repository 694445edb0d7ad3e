package dev.rocket.fetch;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.discovery.DiscoveredEndpoints;
import dev.rocket.spec.discovery.DiscoveryPaths;
import dev.rocket.spec.discovery.DiscoveryRequest;
import dev.rocket.spec.discovery.MetaTags;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The network half of appc meta discovery: fetches {@code https://{path}?ac-discovery=1} for the name and
 * then each parent path, until a page has tags that answer the question (image templates, or public keys).
 * A 4xx, a page without such tags, or a server that cannot be reached moves on to the parent. Plain HTTP is
 * tried after HTTPS only with {@code --insecure-options=http}.
 */
public final class MetaDiscovery {

    /** Discovery pages are small HTML documents; anything bigger is not one. */
    private static final int PAGE_LIMIT = 1 << 20;

    private final HttpDownloader http;
    private final InsecureOptions insecure;
    private final FetchEvents events;

    public MetaDiscovery(HttpDownloader http, InsecureOptions insecure, FetchEvents events) {
        this.http = http;
        this.insecure = insecure;
        this.events = events;
    }

    /** What a discovery page said about a request. */
    public record Found(DiscoveryRequest request, URI page, DiscoveredEndpoints endpoints) {
    }

    /** Discovery until a page has image templates for the request. */
    public Found images(DiscoveryRequest request) throws RocketException {
        return walk(request, endpoints -> !endpoints.images().isEmpty(), "image templates (ac-discovery)");
    }

    /** Discovery until a page has public keys for the request. */
    public Found publicKeys(DiscoveryRequest request) throws RocketException {
        return walk(request, endpoints -> !endpoints.publicKeys().isEmpty(), "public keys (ac-discovery-pubkeys)");
    }

    private Found walk(DiscoveryRequest request, Predicate<DiscoveredEndpoints> answers, String what) throws RocketException {
        List<String> attempts = new ArrayList<>();
        List<String> schemes = insecure.allows(Option.HTTP) ? List.of("https", "http") : List.of("https");
        for (String path : DiscoveryPaths.candidates(request.name())) {
            for (String scheme : schemes) {
                URI url = DiscoveryPaths.discoveryUrl(scheme, path);
                HttpDownloader.Page page;
                try {
                    page = http.fetchPage(url, PAGE_LIMIT);
                } catch (RocketException e) {
                    attempts.add(e.getMessage());
                    continue;
                }
                if (!page.ok()) {
                    attempts.add(url + ": HTTP " + page.status());
                    continue;
                }
                MetaTags tags = MetaTags.parse(new String(page.body(), StandardCharsets.UTF_8));
                DiscoveredEndpoints endpoints = DiscoveredEndpoints.of(tags, request.name(), request.labels());
                if (answers.test(endpoints)) {
                    events.info("discovered " + request.name() + " at " + url);
                    return new Found(request, url, endpoints);
                }
                attempts.add(url + ": no " + what + " for " + request.name());
            }
        }
        throw new RocketException(Kind.NOT_FOUND, "discovery found no " + what + " for " + request.name()
                + "; tried " + String.join("; ", attempts));
    }
}
