package dev.rocket.trust;

import java.nio.file.Path;

/**
 * A key in the trust store: the key, the image names it may sign, and the file that makes it trusted.
 *
 * @param layer the configuration directory the file is in
 */
public record TrustedKey(OpenPgpKey key, TrustScope scope, ConfigLayer layer, Path file) {
}
