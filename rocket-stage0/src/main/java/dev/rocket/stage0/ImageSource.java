package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.store.index.ImageRecord;

import java.util.Optional;

/** Where stage0 gets the images it is asked to run that the store does not name: ACIs, Docker and OCI images. */
public interface ImageSource {

    /**
     * Whether {@code image} is something to fetch (a path, a URL, a Docker or OCI reference) rather than a name or
     * ID to look up in the store first.
     */
    boolean fetches(String image);

    ImageRecord fetch(String image, Optional<String> signature, PullPolicy policy) throws RocketException;
}
