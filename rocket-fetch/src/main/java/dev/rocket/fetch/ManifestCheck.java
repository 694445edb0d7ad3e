package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.spec.schema.ImageManifest;

/** A check of a fetched image's manifest before anything is stored, e.g. that it is the image asked for. */
@FunctionalInterface
interface ManifestCheck {

    void accept(ImageManifest manifest) throws RocketException;
}
