package dev.rocket.fetch;

import dev.rocket.spec.discovery.DiscoveryRequest;

import java.net.URI;
import java.util.List;

/** Where discovery says an image is: its URL, its signature's URL, and where keys for it are. */
public record DiscoveredImage(DiscoveryRequest request, URI image, URI signature, List<URI> publicKeys) {

    public DiscoveredImage {
        publicKeys = List.copyOf(publicKeys);
    }
}
