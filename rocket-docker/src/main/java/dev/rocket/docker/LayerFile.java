package dev.rocket.docker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A layer blob on local disk whose (compressed) digest was already checked, with the digest of its
 * uncompressed tar when the image config names one ({@code rootfs.diff_ids}).
 */
record LayerFile(Path file, Digest digest, Optional<Digest> diffId) {
}
