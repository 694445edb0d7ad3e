package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.trust.ConfigLayer;
import dev.rocket.trust.OpenPgpKey;
import dev.rocket.trust.TrustScope;
import dev.rocket.trust.TrustStore;

import java.net.URI;
import java.util.List;

/**
 * {@code --trust-keys-from-https}: the keys discovery names for an image, fetched over HTTPS (never plain
 * HTTP), are trusted for the image's name in the local configuration without review, as rkt did.
 */
public final class HttpsKeyTrust {

    private final PublicKeyFetcher keys;
    private final TrustStore trust;
    private final FetchEvents events;

    public HttpsKeyTrust(PublicKeyFetcher keys, TrustStore trust, FetchEvents events) {
        this.keys = keys;
        this.trust = trust;
        this.events = events;
    }

    public void trust(String name, List<URI> keyUrls) throws RocketException {
        TrustScope scope = TrustScope.prefix(new AcIdentifier(name));
        for (URI url : keyUrls) {
            if (!"https".equals(url.getScheme())) {
                events.warning("not trusting keys from " + url + ": --trust-keys-from-https trusts only https");
                continue;
            }
            for (OpenPgpKey key : keys.fetch(url, false)) {
                trust.add(scope, key, ConfigLayer.LOCAL);
                events.info("trusting key " + key.fingerprint().grouped() + " from " + url + " for prefix \"" + name + "\"");
            }
        }
    }
}
