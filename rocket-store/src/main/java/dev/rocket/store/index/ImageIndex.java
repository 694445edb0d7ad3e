package dev.rocket.store.index;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's table of images: one {@link ImageRecord} per image ID. It knows nothing of blobs; keeping index
 * and blobs in agreement is the job of {@code ImageStore}. Every query reads only the index, so listing does
 * not scale with a directory walk.
 */
public interface ImageIndex extends AutoCloseable {

    /** Inserts the record, or replaces the record with the same ID (labels included). */
    void put(ImageRecord record) throws RocketException;

    Optional<ImageRecord> get(ImageId id) throws RocketException;

    /**
     * The one image whose ID starts with {@code prefix} ({@code sha512-} and at least one hex digit).
     *
     * @throws RocketException {@code NOT_FOUND} if none, {@code INVALID_ARGUMENT} if the prefix is malformed or
     *                         several images match (the message lists them)
     */
    ImageRecord getByIdPrefix(String prefix) throws RocketException;

    /** Among the images named {@code name} that carry every label of {@code labels}, the latest imported. */
    Optional<ImageRecord> latest(AcIdentifier name, Map<AcIdentifier, String> labels) throws RocketException;

    /** Every image, oldest import first. */
    List<ImageRecord> list() throws RocketException;

    /** Images last used strictly before {@code cutoff}. */
    List<ImageRecord> lastUsedBefore(Instant cutoff) throws RocketException;

    /** The latest imported image fetched from {@code origin}, for HTTP cache validation. */
    Optional<ImageRecord> byOrigin(URI origin) throws RocketException;

    /** Records that the image was used at {@code when}; returns false if it is not in the index. */
    boolean touch(ImageId id, Instant when) throws RocketException;

    /** Replaces the HTTP validators, e.g. after a {@code 304 Not Modified}; false if the image is not indexed. */
    boolean updateCache(ImageId id, CacheValidators cache) throws RocketException;

    /** Removes the record; returns it if there was one. */
    Optional<ImageRecord> remove(ImageId id) throws RocketException;

    @Override
    void close() throws RocketException;
}
