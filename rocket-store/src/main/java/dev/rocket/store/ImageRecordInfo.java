package dev.rocket.store;

import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.index.CacheValidators;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * What a caller of {@link ImageStore#write} knows about the image besides its bytes: name and labels from
 * its manifest (the store parses no manifests), the ID it must have if known in advance (e.g. a
 * dependency's {@code imageID}), and where it came from with the HTTP validators of that download.
 */
public record ImageRecordInfo(AcIdentifier name, SequencedMap<AcIdentifier, String> labels,
                              Optional<ImageId> expectedId, Optional<URI> origin, CacheValidators cache) {

    public ImageRecordInfo {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(expectedId, "expectedId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(cache, "cache");
    }

    /** An image from a local file: name and labels only. {@code labels} should iterate in manifest order. */
    public static ImageRecordInfo of(AcIdentifier name, Map<AcIdentifier, String> labels) {
        return new ImageRecordInfo(name, new LinkedHashMap<>(labels), Optional.empty(), Optional.empty(),
                CacheValidators.NONE);
    }

    /** The same, but the content must hash to {@code id} or nothing is stored. */
    public ImageRecordInfo expecting(ImageId id) {
        return new ImageRecordInfo(name, labels, Optional.of(id), origin, cache);
    }

    /** The same, fetched from {@code url} with these HTTP validators. */
    public ImageRecordInfo fetchedFrom(URI url, CacheValidators validators) {
        return new ImageRecordInfo(name, labels, expectedId, Optional.of(url), validators);
    }
}
