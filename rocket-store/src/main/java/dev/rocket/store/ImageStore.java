package dev.rocket.store;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.StoreLocks.Held;
import dev.rocket.store.cas.BlobStore;
import dev.rocket.store.cas.BlobStore.BlobWriter;
import dev.rocket.store.cas.BlobStore.StagedBlob;
import dev.rocket.store.index.CacheValidators;
import dev.rocket.store.index.ImageIndex;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.index.SqliteImageIndex;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local image store: blobs ({@link BlobStore}) plus their index ({@link ImageIndex}), kept in agreement
 * across every process that uses the same store directory.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>An index row is never visible without its blob: a write renames the blob into place before it
 *   inserts the row, and a removal deletes the row before the blob.</li>
 *   <li>A blob without a row is garbage: it is left only by a crash between those two steps, and
 *   {@link #sweep()} deletes it.</li>
 *   <li>A temp file in {@code cas/tmp} belongs to an ingest in progress or to a dead one.</li>
 * </ol>
 *
 * <h2>Locking (see {@link StoreLocks})</h2>
 * <ul>
 *   <li>{@link #write} holds the store lock <em>shared</em> from creating its temp file until its row is
 *   committed, and the image's lock around rename and insert. Two processes writing the same image thus
 *   stream into separate temp files and commit one after the other; the second replaces an identical blob and
 *   refreshes the row. Nothing is lost if either dies.</li>
 *   <li>{@link #remove} and {@link #touch} hold the image's lock, so a removal never lands between a
 *   writer's rename and insert (which would leave a row without a blob), and garbage collection's "not used
 *   since" check cannot race with a use being recorded.</li>
 *   <li>{@link #sweep()} deletes temp files and orphan blobs only while holding the store lock
 *   <em>exclusive</em>, which no process can have while any write is between its first byte and its
 *   commit. Since the kernel releases the locks of a killed process, a {@code kill -9} mid-ingest leaves a
 *   temp file that the next sweep removes; a live ingest's file is never touched. The sweep only tries the
 *   lock, so it is skipped, not delayed, while others write; every {@link #write} tries one first.</li>
 *   <li>Readers take no locks: a row implies a blob, and a blob opened for reading stays readable even if
 *   it is removed meanwhile (Linux keeps unlinked open files).</li>
 * </ul>
 * The index itself is safe for concurrent use through SQLite's own locking (see {@link SqliteImageIndex}).
 * Open one {@code ImageStore} per store directory per process; it may be shared by threads.
 */
public final class ImageStore implements AutoCloseable {

    private final StoreLayout layout;
    private final StoreLocks locks;
    private final BlobStore blobs;
    private final ImageIndex index;
    private final Clock clock;

    private ImageStore(StoreLayout layout, StoreLocks locks, BlobStore blobs, ImageIndex index, Clock clock) {
        this.layout = layout;
        this.locks = locks;
        this.blobs = blobs;
        this.index = index;
        this.clock = clock;
    }

    public static ImageStore open(StoreLayout layout) throws RocketException {
        return open(layout, Clock.systemUTC());
    }

    /** Opens the store, creating its directories and index if needed; {@code clock} stamps imports and uses. */
    public static ImageStore open(StoreLayout layout, Clock clock) throws RocketException {
        StoreLocks locks = StoreLocks.open(layout.lockFile());
        try {
            return new ImageStore(layout, locks, new BlobStore(layout), SqliteImageIndex.open(layout.database()),
                    clock);
        } catch (RocketException | RuntimeException e) {
            try {
                locks.close();
            } catch (RocketException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public StoreLayout layout() {
        return layout;
    }

    /**
     * Stores an uncompressed image tar and indexes it under {@code info}; returns its image ID. Writing an
     * image that is already stored refreshes its row (name, labels, origin, import and use times).
     *
     * @throws RocketException {@code VERIFICATION_FAILED} if {@code info} expects another ID (nothing is kept)
     */
    public ImageId write(InputStream tar, ImageRecordInfo info) throws RocketException {
        sweepTempFiles();
        try (Held writing = locks.storeShared(); StagedBlob staged = blobs.stage(tar, info.expectedId())) {
            commitStaged(staged, info);
            return staged.id();
        }
    }

    /**
     * Begins storing an image whose tar the caller writes into {@link Ingest#tar()} while it hashes and
     * checks it itself, so that the image is read only once; nothing is visible until
     * {@link Ingest#commit}. Holds the store lock shared until closed, like {@link #write}.
     */
    public Ingest ingest() throws RocketException {
        sweepTempFiles();
        Held writing = locks.storeShared();
        try {
            return new Ingest(writing, blobs.create());
        } catch (RocketException | RuntimeException e) {
            writing.close();
            throw e;
        }
    }

    /** An image being written by its caller; closing it without a commit deletes what was written. */
    public final class Ingest implements AutoCloseable {
        private final Held writing;
        private final BlobWriter writer;

        private Ingest(Held writing, BlobWriter writer) {
            this.writing = writing;
            this.writer = writer;
        }

        /** Where the uncompressed tar goes. */
        public OutputStream tar() {
            return writer;
        }

        /**
         * Makes the written tar the blob of {@code id} (its SHA-512, computed by the caller) and indexes it;
         * returns the row as written (a {@code gc} in another process may remove it right afterwards).
         */
        public ImageRecord commit(ImageId id, ImageRecordInfo info) throws RocketException {
            if (info.expectedId().isPresent() && !info.expectedId().get().equals(id)) {
                throw BlobStore.mismatch(id, info.expectedId().get());
            }
            try (StagedBlob staged = writer.seal(id)) {
                return commitStaged(staged, info);
            }
        }

        @Override
        public void close() throws RocketException {
            try {
                writer.close();
            } finally {
                writing.close();
            }
        }
    }

    private ImageRecord commitStaged(StagedBlob staged, ImageRecordInfo info) throws RocketException {
        try (Held image = locks.image(staged.id())) {
            staged.commit();
            Instant now = clock.instant();
            ImageRecord record = new ImageRecord(staged.id(), info.name(), info.labels(), now, now, staged.size(),
                    info.origin(), info.cache());
            index.put(record);
            return record;
        }
    }

    /** The record of a stored image. */
    public ImageRecord get(ImageId id) throws RocketException {
        return index.get(id).orElseThrow(() -> notStored(id.value()));
    }

    /**
     * Finds an image by full ID, unique ID prefix ({@code sha512-91e98d7f1679}), or name and labels
     * ({@code coreos.com/etcd:v2.0.9,os=linux}: the latest imported image that has every label given).
     */
    public ImageRecord resolve(String reference) throws RocketException {
        if (reference.startsWith(ImageId.ALGORITHM_PREFIX)) {
            return index.getByIdPrefix(reference);
        }
        ImageReference wanted;
        try {
            wanted = ImageReference.parse(reference);
        } catch (SpecException e) {
            throw RocketException.invalid("cannot look up image \"" + reference + "\"", e);
        }
        return index.latest(wanted.name(), wanted.labels()).orElseThrow(() -> notStored(wanted.toString()));
    }

    /** Every stored image, oldest import first; reads the index only. */
    public List<ImageRecord> list() throws RocketException {
        return index.list();
    }

    /** The latest image fetched from {@code url}, for deciding whether to download it again. */
    public Optional<ImageRecord> byOrigin(URI url) throws RocketException {
        return index.byOrigin(url);
    }

    /** Opens the stored tar of an image for reading. */
    public InputStream openBlob(ImageId id) throws RocketException {
        get(id);
        return blobs.open(id);
    }

    /** Re-hashes the stored tar and fails with {@code VERIFICATION_FAILED} if it was altered. */
    public ImageRecord verify(ImageId id) throws RocketException {
        ImageRecord record = get(id);
        blobs.verify(id);
        return record;
    }

    /** Records that the image is being used now, which keeps it from garbage collection for a while. */
    public void touch(ImageId id) throws RocketException {
        try (Held image = locks.image(id)) {
            if (!index.touch(id, clock.instant())) throw notStored(id.value());
        }
    }

    /** Replaces the HTTP validators of an image, e.g. after the server answered {@code 304 Not Modified}. */
    public void updateCache(ImageId id, CacheValidators cache) throws RocketException {
        if (!index.updateCache(id, cache)) throw notStored(id.value());
    }

    /** Removes an image's row and blob; returns what was removed. */
    public ImageRecord remove(ImageId id) throws RocketException {
        try (Held image = locks.image(id)) {
            Optional<ImageRecord> removed = index.remove(id);
            blobs.remove(id);
            return removed.orElseThrow(() -> notStored(id.value()));
        }
    }

    /**
     * Removes every image not used within {@code gracePeriod} (rkt's default is 24 hours), skipping images
     * another process holds right now, then runs {@link #sweep()}.
     */
    public GcResult gc(Duration gracePeriod) throws RocketException {
        if (gracePeriod.isNegative()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "the grace period must not be negative: " + gracePeriod);
        }
        Instant cutoff = clock.instant().minus(gracePeriod);
        List<ImageRecord> removed = new ArrayList<>();
        List<ImageId> busy = new ArrayList<>();
        for (ImageRecord candidate : index.lastUsedBefore(cutoff)) {
            Optional<Held> lock = locks.tryImage(candidate.id());
            if (lock.isEmpty()) {
                busy.add(candidate.id());
                continue;
            }
            try (Held image = lock.get()) {
                // Checked again under the lock: it may have been used or rewritten since the query.
                Optional<ImageRecord> current = index.get(candidate.id());
                if (current.isPresent() && current.get().lastUsed().isBefore(cutoff)) {
                    index.remove(candidate.id());
                    blobs.remove(candidate.id());
                    removed.add(current.get());
                }
            }
        }
        return new GcResult(removed, busy, sweep());
    }

    /**
     * Deletes temp files of dead ingests and blobs that have no index row, if no process is writing right
     * now; otherwise does nothing and says so ({@link SweepResult#done()} is false).
     */
    public SweepResult sweep() throws RocketException {
        Optional<Held> exclusive = locks.tryStoreExclusive();
        if (exclusive.isEmpty()) return SweepResult.SKIPPED;
        try (Held idle = exclusive.get()) {
            int tempFiles = blobs.deleteTempFiles();
            Set<ImageId> indexed = new HashSet<>();
            for (ImageRecord record : index.list()) indexed.add(record.id());
            int orphans = 0;
            for (ImageId id : blobs.ids()) {
                if (!indexed.contains(id) && blobs.remove(id)) orphans++;
            }
            return new SweepResult(true, tempFiles, orphans);
        }
    }

    /** The cheap part of a sweep, run before every write: temp files only, no directory walk. */
    private void sweepTempFiles() throws RocketException {
        Optional<Held> exclusive = locks.tryStoreExclusive();
        if (exclusive.isEmpty()) return;
        try (Held idle = exclusive.get()) {
            blobs.deleteTempFiles();
        }
    }

    private static RocketException notStored(String image) {
        return new RocketException(Kind.NOT_FOUND, "image " + image + " is not in the store; fetch it with"
                + " `rkt fetch " + image + "`, or see `rkt image list` for the images there are");
    }

    @Override
    public void close() throws RocketException {
        try {
            index.close();
        } finally {
            locks.close();
        }
    }
}
