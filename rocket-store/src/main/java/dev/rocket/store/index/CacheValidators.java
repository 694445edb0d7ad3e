package dev.rocket.store.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the fetcher remembers about an HTTP download to avoid repeating it (rkt-docs
 * {@code image-fetching-behavior.md}): the {@code ETag} and {@code Last-Modified} validators to send back, and
 * when the copy expires according to {@code Cache-Control: max-age} (the fetch time plus max-age).
 */
public record CacheValidators(Optional<String> etag, Optional<String> lastModified, Optional<Instant> expires) {

    /** No validators: the next fetch downloads unconditionally. */
    public static final CacheValidators NONE = new CacheValidators(Optional.empty(), Optional.empty(), Optional.empty());

    public CacheValidators {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether the stored copy may be used without asking the server at {@code now}. */
    public boolean isFresh(Instant now) {
        return expires.isPresent() && now.isBefore(expires.get());
    }
}
