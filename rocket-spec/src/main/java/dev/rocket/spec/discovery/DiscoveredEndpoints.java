package dev.rocket.spec.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one page of meta tags says about one image: where the image and its signature are (one pair per
 * usable {@code ac-discovery} template, in page order) and where keys for it are.
 */
public record DiscoveredEndpoints(List<ImageEndpoint> images, List<String> publicKeys) {

    /** One rendering of a template: the image URL and its signature URL. */
    public record ImageEndpoint(String image, String signature) {
    }

    public DiscoveredEndpoints {
        images = List.copyOf(images);
        publicKeys = List.copyOf(publicKeys);
    }

    /** The endpoints of {@code name} with {@code labels} (defaults already filled in) on a page of tags. */
    public static DiscoveredEndpoints of(MetaTags tags, String name, Map<String, String> labels) {
        List<ImageEndpoint> images = new ArrayList<>();
        for (MetaTags.PrefixedUrl tag : tags.images()) {
            if (!tag.covers(name)) continue;
            Optional<String> image = DiscoveryTemplate.expand(tag.url(), name, labels, DiscoveryTemplate.IMAGE_EXT);
            Optional<String> signature = DiscoveryTemplate.expand(tag.url(), name, labels, DiscoveryTemplate.SIGNATURE_EXT);
            if (image.isPresent() && signature.isPresent() && !image.equals(signature)) {
                images.add(new ImageEndpoint(image.get(), signature.get()));
            }
        }
        List<String> keys = new ArrayList<>();
        for (MetaTags.PrefixedUrl tag : tags.publicKeys()) {
            if (tag.covers(name)) keys.add(tag.url());
        }
        return new DiscoveredEndpoints(images, keys);
    }
}
