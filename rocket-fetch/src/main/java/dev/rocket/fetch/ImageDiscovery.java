package dev.rocket.fetch;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.discovery.DiscoveredEndpoints;
import dev.rocket.spec.discovery.DiscoveryRequest;
import dev.rocket.spec.discovery.HostPlatform;
import dev.rocket.store.ImageReference;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an image name ({@code example.com/app:v1.0,channel=beta}) to the URLs of the image and its
 * signature by meta discovery, filling in rkt's label defaults: the host's os and arch, version
 * {@code latest}. Of a page's templates the first one fetchable here (HTTPS, or HTTP when allowed) is used.
 */
public final class ImageDiscovery {

    private final MetaDiscovery meta;
    private final InsecureOptions insecure;
    private final String os;
    private final String arch;
    private final Optional<HttpsKeyTrust> keyTrust;

    public ImageDiscovery(MetaDiscovery meta, InsecureOptions insecure, String os, String arch, Optional<HttpsKeyTrust> keyTrust) {
        this.meta = meta;
        this.insecure = insecure;
        this.os = os;
        this.arch = arch;
        this.keyTrust = keyTrust;
    }

    /** Discovery for this machine's os and arch; with {@code keyTrust}, discovered HTTPS keys are trusted. */
    public static ImageDiscovery forHost(MetaDiscovery meta, InsecureOptions insecure, Optional<HttpsKeyTrust> keyTrust)
            throws RocketException {
        String os = HostPlatform.os(System.getProperty("os.name")).orElseThrow(() -> new RocketException(Kind.FAILED_PRECONDITION,
                "image discovery does not know the appc os of " + System.getProperty("os.name") + "; give it as a label: NAME,os=OS"));
        String arch = HostPlatform.arch(System.getProperty("os.arch")).orElseThrow(() -> new RocketException(Kind.FAILED_PRECONDITION,
                "image discovery does not know the appc arch of " + System.getProperty("os.arch") + "; give it as a label: NAME,arch=ARCH"));
        return new ImageDiscovery(meta, insecure, os, arch, keyTrust);
    }

    /** The request discovery makes for a name: its labels plus the defaults. */
    public DiscoveryRequest request(ImageReference reference) {
        Map<String, String> given = new LinkedHashMap<>();
        reference.labels().forEach((key, value) -> given.put(key.value(), value));
        return DiscoveryRequest.of(reference.name().value(), given, os, arch);
    }

    public DiscoveredImage locate(ImageReference reference) throws RocketException {
        DiscoveryRequest request = request(reference);
        MetaDiscovery.Found found = meta.images(request);
        DiscoveredImage image = pick(request, found.endpoints());
        if (keyTrust.isPresent()) keyTrust.get().trust(request.name(), image.publicKeys());
        return image;
    }

    private DiscoveredImage pick(DiscoveryRequest request, DiscoveredEndpoints endpoints) throws RocketException {
        List<URI> keys = new ArrayList<>();
        for (String key : endpoints.publicKeys()) parse(key).ifPresent(keys::add);
        List<String> refused = new ArrayList<>();
        for (DiscoveredEndpoints.ImageEndpoint endpoint : endpoints.images()) {
            Optional<URI> image = parse(endpoint.image());
            Optional<URI> signature = parse(endpoint.signature());
            if (image.isPresent() && signature.isPresent() && fetchable(image.get())) {
                return new DiscoveredImage(request, image.get(), signature.get(), keys);
            }
            refused.add(endpoint.image());
        }
        throw new RocketException(Kind.NOT_FOUND, "discovery found no image URL for " + request.name() + " that can be fetched"
                + (insecure.allows(Option.HTTP) ? " (https or http)" : " over https (plain http needs --insecure-options=http)")
                + ": " + String.join(", ", refused));
    }

    private boolean fetchable(URI url) {
        return "https".equals(url.getScheme()) || ("http".equals(url.getScheme()) && insecure.allows(Option.HTTP));
    }

    private static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
