package dev.rocket.mds;

import java.util.Optional;

/** A pod the service knows: what it registered, the digest of its token, its HMAC key and its process. */
record RegisteredPod(Registration registration, String tokenDigest, PodKey key, Optional<PodProcess> process) {
}
