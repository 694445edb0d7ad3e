package dev.rocket.store.index;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.core.NativeDB;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link ImageIndex} in an embedded SQLite database ({@code cas/db/images.sqlite3}), shared by every process
 * that uses the store.
 *
 * <p>Concurrency: the database runs in WAL mode, so readers never block the writer nor each other, and every
 * connection waits up to {@link #BUSY_TIMEOUT_MILLIS} for a lock instead of failing at once. Every change that
 * spans several statements runs in a {@code BEGIN IMMEDIATE} transaction, which takes the write lock up front:
 * a deferred transaction that reads and then writes can fail with {@code SQLITE_BUSY} without waiting when
 * another writer got in between. Every read is one statement (labels are joined in), so it sees one snapshot.
 *
 * <p>Schema: its version is {@code PRAGMA user_version}; opening migrates an older schema step by step in one
 * transaction and refuses a newer one. One instance holds one connection; its methods are synchronized.
 */
public final class SqliteImageIndex implements ImageIndex {

    /** How long a statement waits for another process's lock before giving up. */
    public static final int BUSY_TIMEOUT_MILLIS = 60_000;

    /** {@code MIGRATIONS.get(n)} turns schema version n into n + 1. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE images (
              id            TEXT    NOT NULL PRIMARY KEY,
              name          TEXT    NOT NULL,
              import_time   INTEGER NOT NULL,
              last_used     INTEGER NOT NULL,
              size          INTEGER NOT NULL,
              origin_url    TEXT,
              etag          TEXT,
              last_modified TEXT,
              cache_expires INTEGER
            )""",
            "CREATE INDEX images_by_name ON images (name, import_time)",
            "CREATE INDEX images_by_origin ON images (origin_url, import_time)",
            "CREATE INDEX images_by_last_used ON images (last_used)",
            """
            CREATE TABLE image_labels (
              image_id TEXT    NOT NULL,
              position INTEGER NOT NULL,
              name     TEXT    NOT NULL,
              value    TEXT    NOT NULL,
              PRIMARY KEY (image_id, position)
            )""",
            "CREATE INDEX image_labels_by_label ON image_labels (name, value)"));

    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final Pattern ID_PREFIX = Pattern.compile("^sha512-[0-9a-f]{1,128}$");
    private static final int AMBIGUITY_SHOWN = 10;
    private static final String COLUMNS = "i.id, i.name, i.import_time, i.last_used, i.size, i.origin_url,"
            + " i.etag, i.last_modified, i.cache_expires, l.name, l.value";

    private final Path database;
    private final Connection connection;

    private SqliteImageIndex(Path database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /**
     * Does ahead what the first {@link #open} of a process begins with, for a second thread to do while the
     * command's own is busy elsewhere: loads sqlite-jdbc's native library, builds the date format every
     * connection's configuration asks for (locale and calendar data; sqlite-jdbc caches both per process) and
     * initializes the connection class with its logger ({@code java.util.logging}). Only time is saved: a failure
     * here is ignored, and {@link #open} meets and reports it.
     */
    public static void warmUp() {
        try {
            NativeDB.load();
            new SQLiteConfig();
            Class.forName("org.sqlite.SQLiteConnection", true, SqliteImageIndex.class.getClassLoader());
        } catch (Exception | LinkageError e) {
            // open reports it
        }
    }

    /** Opens the index, creating or migrating its schema as needed. */
    public static SqliteImageIndex open(Path database) throws RocketException {
        try {
            Files.createDirectories(database.getParent());
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create " + database.getParent() + ": "
                    + e.getMessage() + "; check that the store directory is writable (run as root?)", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + database);
        } catch (SQLException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot open the image index " + database + ": "
                    + e.getMessage() + "; check that the store directory is writable (run as root?)", e);
        }
        SqliteImageIndex index = new SqliteImageIndex(database, connection);
        try {
            index.useWal();
            index.migrate();
        } catch (RocketException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return index;
    }

    private void useWal() throws RocketException {
        try (Statement statement = connection.createStatement()) {
            String mode = queryString(statement, "PRAGMA journal_mode");
            // Switching needs an exclusive lock: only ask when it is not WAL yet (it persists in the file).
            if (!"wal".equalsIgnoreCase(mode)) queryString(statement, "PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw failure("switch to WAL mode", e);
        }
    }

    private void migrate() throws RocketException {
        try (Statement statement = connection.createStatement()) {
            if (userVersion(statement) == SCHEMA_VERSION) return;
            inTransaction(() -> {
                int version = userVersion(statement); // again: another process may have migrated meanwhile
                if (version > SCHEMA_VERSION) {
                    throw new RocketException(Kind.FAILED_PRECONDITION, "the image index " + database
                            + " has schema version " + version + " but this Rocket understands only up to "
                            + SCHEMA_VERSION + "; use a newer Rocket with this store");
                }
                for (int v = version; v < SCHEMA_VERSION; v++) {
                    for (String sql : MIGRATIONS.get(v)) statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                return null;
            });
        } catch (SQLException e) {
            throw failure("create its schema", e);
        }
    }

    private static int userVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public synchronized void put(ImageRecord record) throws RocketException {
        try {
            inTransaction(() -> {
                try (PreparedStatement image = connection.prepareStatement("""
                        INSERT INTO images (id, name, import_time, last_used, size, origin_url, etag,
                                            last_modified, cache_expires)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                          name = excluded.name, import_time = excluded.import_time,
                          last_used = excluded.last_used, size = excluded.size,
                          origin_url = excluded.origin_url, etag = excluded.etag,
                          last_modified = excluded.last_modified, cache_expires = excluded.cache_expires""");
                     PreparedStatement clearLabels = connection.prepareStatement(
                             "DELETE FROM image_labels WHERE image_id = ?");
                     PreparedStatement label = connection.prepareStatement(
                             "INSERT INTO image_labels (image_id, position, name, value) VALUES (?, ?, ?, ?)")) {
                    image.setString(1, record.id().value());
                    image.setString(2, record.name().value());
                    image.setLong(3, record.importTime().toEpochMilli());
                    image.setLong(4, record.lastUsed().toEpochMilli());
                    image.setLong(5, record.size());
                    setOptional(image, 6, record.origin().map(URI::toString));
                    setCache(image, 7, record.cache());
                    image.executeUpdate();
                    clearLabels.setString(1, record.id().value());
                    clearLabels.executeUpdate();
                    int position = 0;
                    for (Map.Entry<AcIdentifier, String> entry : record.labels().entrySet()) {
                        label.setString(1, record.id().value());
                        label.setInt(2, position++);
                        label.setString(3, entry.getKey().value());
                        label.setString(4, entry.getValue());
                        label.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("record image " + record.id(), e);
        }
    }

    @Override
    public synchronized Optional<ImageRecord> get(ImageId id) throws RocketException {
        return query("i.id = ?", "", List.of(id.value())).stream().findFirst();
    }

    @Override
    public synchronized ImageRecord getByIdPrefix(String prefix) throws RocketException {
        String normalized = prefix.toLowerCase(Locale.ROOT);
        if (!ID_PREFIX.matcher(normalized).matches()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + prefix + "\" is not an image ID or ID prefix:"
                    + " give sha512- followed by hex digits, e.g. as shown by `rkt image list`");
        }
        List<ImageRecord> matches = query("i.id GLOB ?", "ORDER BY i.id LIMIT " + (AMBIGUITY_SHOWN + 1),
                List.of(normalized + "*"));
        if (matches.isEmpty()) {
            throw new RocketException(Kind.NOT_FOUND, "no image with an ID starting with " + normalized
                    + " is in the store; see `rkt image list` for the images there are");
        }
        if (matches.size() > 1) {
            String candidates = matches.stream().limit(AMBIGUITY_SHOWN)
                    .map(r -> r.id() + " (" + r.displayName() + ")").collect(Collectors.joining(", "));
            throw new RocketException(Kind.INVALID_ARGUMENT, "the image ID prefix " + normalized + " is ambiguous:"
                    + " it matches " + candidates + (matches.size() > AMBIGUITY_SHOWN ? " and more" : "")
                    + "; give more digits of the ID");
        }
        return matches.getFirst();
    }

    @Override
    public synchronized Optional<ImageRecord> latest(AcIdentifier name, Map<AcIdentifier, String> labels)
            throws RocketException {
        StringBuilder where = new StringBuilder("i.name = ?");
        List<String> parameters = new ArrayList<>(List.of(name.value()));
        for (Map.Entry<AcIdentifier, String> label : labels.entrySet()) {
            where.append(" AND EXISTS (SELECT 1 FROM image_labels w WHERE w.image_id = i.id")
                    .append(" AND w.name = ? AND w.value = ?)");
            parameters.add(label.getKey().value());
            parameters.add(label.getValue());
        }
        return query(where.toString(), "ORDER BY i.import_time DESC, i.id DESC LIMIT 1", parameters)
                .stream().findFirst();
    }

    @Override
    public synchronized List<ImageRecord> list() throws RocketException {
        return query("1 = 1", "", List.of());
    }

    @Override
    public synchronized List<ImageRecord> lastUsedBefore(Instant cutoff) throws RocketException {
        return query("i.last_used < ?", "", List.of(cutoff.toEpochMilli()));
    }

    @Override
    public synchronized Optional<ImageRecord> byOrigin(URI origin) throws RocketException {
        return query("i.origin_url = ?", "ORDER BY i.import_time DESC, i.id DESC LIMIT 1",
                List.of(origin.toString())).stream().findFirst();
    }

    @Override
    public synchronized boolean touch(ImageId id, Instant when) throws RocketException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE images SET last_used = ? WHERE id = ?")) {
            update.setLong(1, when.toEpochMilli());
            update.setString(2, id.value());
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("record the use of image " + id, e);
        }
    }

    @Override
    public synchronized boolean updateCache(ImageId id, CacheValidators cache) throws RocketException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE images SET etag = ?, last_modified = ?, cache_expires = ? WHERE id = ?")) {
            setCache(update, 1, cache);
            update.setString(4, id.value());
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("update the cache validators of image " + id, e);
        }
    }

    @Override
    public synchronized Optional<ImageRecord> remove(ImageId id) throws RocketException {
        try {
            return inTransaction(() -> {
                Optional<ImageRecord> existing = get(id);
                try (PreparedStatement labels = connection.prepareStatement(
                        "DELETE FROM image_labels WHERE image_id = ?");
                     PreparedStatement image = connection.prepareStatement("DELETE FROM images WHERE id = ?")) {
                    labels.setString(1, id.value());
                    labels.executeUpdate();
                    image.setString(1, id.value());
                    image.executeUpdate();
                }
                return existing;
            });
        } catch (SQLException e) {
            throw failure("remove image " + id, e);
        }
    }

    /**
     * Images matching {@code where} (over alias {@code i}), with labels joined in so that one statement, and
     * therefore one snapshot, answers; {@code order} may end in a LIMIT.
     */
    private List<ImageRecord> query(String where, String order, List<?> parameters) throws RocketException {
        String sql = "SELECT " + COLUMNS + " FROM (SELECT * FROM images i WHERE " + where + " " + order + ") i"
                + " LEFT JOIN image_labels l ON l.image_id = i.id"
                + " ORDER BY i.import_time, i.id, l.position";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int p = 0; p < parameters.size(); p++) statement.setObject(p + 1, parameters.get(p));
            List<ImageRecord> records = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                String currentId = null;
                RowBuilder current = null;
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (!id.equals(currentId)) {
                        if (current != null) records.add(current.build());
                        currentId = id;
                        current = new RowBuilder(rows);
                    }
                    String labelName = rows.getString(10);
                    if (labelName != null) current.labels.put(new AcIdentifier(labelName), rows.getString(11));
                }
                if (current != null) records.add(current.build());
            }
            return records;
        } catch (SQLException e) {
            throw failure("read it", e);
        } catch (IllegalArgumentException e) {
            throw new RocketException(Kind.INTERNAL, "the image index " + database + " holds an invalid entry: "
                    + e.getMessage() + "; remove the image with `rkt image rm` or run `rkt image gc`", e);
        }
    }

    /** The columns of one image row, before its labels are gathered from the following joined rows. */
    private static final class RowBuilder {
        final ImageId id;
        final AcIdentifier name;
        final Instant importTime;
        final Instant lastUsed;
        final long size;
        final Optional<URI> origin;
        final CacheValidators cache;
        final LinkedHashMap<AcIdentifier, String> labels = new LinkedHashMap<>();

        RowBuilder(ResultSet row) throws SQLException {
            id = new ImageId(row.getString(1));
            name = new AcIdentifier(row.getString(2));
            importTime = Instant.ofEpochMilli(row.getLong(3));
            lastUsed = Instant.ofEpochMilli(row.getLong(4));
            size = row.getLong(5);
            origin = Optional.ofNullable(row.getString(6)).map(URI::create);
            long expires = row.getLong(9);
            // wasNull() speaks of the last column read, so it is asked before the validators are read.
            Optional<Instant> expiry = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
            cache = new CacheValidators(Optional.ofNullable(row.getString(7)), Optional.ofNullable(row.getString(8)), expiry);
        }

        ImageRecord build() {
            return new ImageRecord(id, name, labels, importTime, lastUsed, size, origin, cache);
        }
    }

    private static void setCache(PreparedStatement statement, int first, CacheValidators cache) throws SQLException {
        setOptional(statement, first, cache.etag());
        setOptional(statement, first + 1, cache.lastModified());
        if (cache.expires().isPresent()) statement.setLong(first + 2, cache.expires().get().toEpochMilli());
        else statement.setNull(first + 2, Types.INTEGER);
    }

    private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) statement.setString(index, value.get());
        else statement.setNull(index, Types.VARCHAR);
    }

    private interface Work<T> {
        T run() throws SQLException, RocketException;
    }

    /** Runs {@code work} in a transaction that holds the database's write lock from its start. */
    private <T> T inTransaction(Work<T> work) throws SQLException, RocketException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RocketException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private RocketException failure(String action, SQLException e) {
        int primaryCode = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xff : -1;
        boolean busy = primaryCode == SQLiteErrorCode.SQLITE_BUSY.code
                || primaryCode == SQLiteErrorCode.SQLITE_LOCKED.code;
        String remedy = busy ? "; another rkt process held it too long, try again"
                : "; if the file is damaged, move " + database.getParent() + " aside and fetch the images again";
        return new RocketException(busy ? Kind.UNAVAILABLE : Kind.INTERNAL,
                "the image index " + database + " could not " + action + ": " + e.getMessage() + remedy, e);
    }

    @Override
    public synchronized void close() throws RocketException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("be closed", e);
        }
    }
}
