package dev.rocket.trust;

import java.time.Instant;
import java.util.Optional;

/**
 * One subkey of an OpenPGP key, as {@code rkt trust} may show it.
 *
 * @param signing whether its binding allows it to sign data (gpg signs images with such a subkey when one exists)
 * @param revoked whether the key's owner revoked it
 */
public record Subkey(KeyFingerprint fingerprint, Instant created, Optional<Instant> expires, boolean signing,
                     boolean revoked) {
}
