package dev.rocket.store.index;

import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One image of the store as the index knows it.
 *
 * @param id         the image ID, which also names its blob
 * @param name       the image name from its manifest
 * @param labels     the manifest's labels, in manifest order
 * @param importTime when it was (last) written to the store
 * @param lastUsed   when it was last written or used; garbage collection removes images unused for a while
 * @param size       bytes of the uncompressed image tar
 * @param origin     where it was fetched from, if from a URL
 * @param cache      HTTP validators of that fetch
 */
public record ImageRecord(ImageId id, AcIdentifier name, SequencedMap<AcIdentifier, String> labels,
                          Instant importTime, Instant lastUsed, long size, Optional<URI> origin,
                          CacheValidators cache) {

    public ImageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(importTime, "importTime");
        Objects.requireNonNull(lastUsed, "lastUsed");
        if (size < 0) throw new IllegalArgumentException("an image size cannot be negative: " + size);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(cache, "cache");
    }

    /**
     * The appc label-matching rule (discovery.md): every label asked for is present with the same value;
     * labels not asked for may have any value.
     */
    public boolean matches(AcIdentifier wantedName, Map<AcIdentifier, String> wantedLabels) {
        if (!name.equals(wantedName)) return false;
        for (Map.Entry<AcIdentifier, String> wanted : wantedLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) return false;
        }
        return true;
    }

    /** The name with its version label, as {@code rkt image list} shows it: {@code coreos.com/etcd:v2.0.9}. */
    public String displayName() {
        String version = labels.get(new AcIdentifier("version"));
        return version == null ? name.value() : name.value() + ":" + version;
    }
}
