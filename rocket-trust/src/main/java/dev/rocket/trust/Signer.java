package dev.rocket.trust;

import java.time.Instant;
import java.util.List;

/**
 * Who signed a verified image: rkt reports "verified signed by" with the user IDs.
 *
 * @param fingerprint the primary key's fingerprint, the name it is trusted under
 * @param signingKey  the key that made the signature: the primary key itself or one of its subkeys
 * @param userIds     the primary key's self-certified user IDs
 * @param signedAt    the signature's creation time
 * @param trustedFor  the scope the key is trusted in that covers the image
 */
public record Signer(KeyFingerprint fingerprint, KeyFingerprint signingKey, List<String> userIds, Instant signedAt,
                     TrustScope trustedFor) {

    public Signer {
        userIds = List.copyOf(userIds);
    }
}
