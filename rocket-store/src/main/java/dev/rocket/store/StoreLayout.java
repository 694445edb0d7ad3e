package dev.rocket.store;

import dev.rocket.spec.types.ImageId;

import java.nio.file.Path;

/**
 * Names every path of the image store under the data directory ({@code --dir}, default {@value #DEFAULT_DIR}).
 * Follows rkt's on-disk format (rkt-docs {@code devel/on-disk-format.md}): everything of the image store lives
 * under {@code cas/}.
 *
 * <pre>
 * DIR/cas/blob/sha512/ab/sha512-ab...   one uncompressed image tar per image ID, named by the full ID
 * DIR/cas/db/images.sqlite3             the image index (SQLite, WAL mode: -wal and -shm files beside it)
 * DIR/cas/tmp/                          ingests in progress; same filesystem as blob/ so that rename is atomic
 * DIR/cas/store.lock                    advisory lock file: byte 0 is the store lock, other bytes image locks
 * DIR/cas/tree/KEY/manifest             a rendered tree: the top image's manifest ...
 * DIR/cas/tree/KEY/rootfs/              ... and the rootfs of the image and its dependencies
 * DIR/cas/tree/KEY.rendered             completion marker with the tree's checksum, written last
 * DIR/cas/tree/KEY.lock                 flock of the tree, held while rendering or removing it
 * </pre>
 *
 * Unlike rkt, blobs are named by the full 128-digit image ID rather than a 64-digit truncation, and the
 * index is SQLite rather than ql; the stores are therefore not interchangeable with rkt's.
 */
public record StoreLayout(Path dir) {

    /** rkt's default data directory. */
    public static final String DEFAULT_DIR = "/var/lib/rkt";

    public StoreLayout {
        if (dir == null) throw new IllegalArgumentException("the store directory must be given");
        dir = dir.toAbsolutePath().normalize();
    }

    /** The layout under rkt's default data directory. */
    public static StoreLayout defaultLayout() {
        return new StoreLayout(Path.of(DEFAULT_DIR));
    }

    public Path cas() {
        return dir.resolve("cas");
    }

    /** The directory holding every blob. */
    public Path blobs() {
        return cas().resolve("blob").resolve("sha512");
    }

    /** Where the blob of {@code id} lives: a fan-out directory named by its first two hex digits. */
    public Path blob(ImageId id) {
        return blobs().resolve(id.hex().substring(0, 2)).resolve(id.value());
    }

    public Path databaseDir() {
        return cas().resolve("db");
    }

    public Path database() {
        return databaseDir().resolve("images.sqlite3");
    }

    /** Temporary files of ingests in progress; on the same filesystem as {@link #blobs()}. */
    public Path tmp() {
        return cas().resolve("tmp");
    }

    public Path lockFile() {
        return cas().resolve("store.lock");
    }

    /** Rendered trees; named here so that every path of the store is in one place. */
    public Path trees() {
        return cas().resolve("tree");
    }

    /** The rendered tree named {@code key} ({@code deps-sha512-...}): an image layout, manifest and rootfs. */
    public Path tree(String key) {
        return trees().resolve(key);
    }

    /** The completion marker of a tree; a tree without it is incomplete and never used. */
    public Path treeMarker(String key) {
        return trees().resolve(key + ".rendered");
    }

    /** The lock file of a tree. */
    public Path treeLock(String key) {
        return trees().resolve(key + ".lock");
    }
}
