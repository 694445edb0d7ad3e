package dev.rocket.store.index;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteImageIndexTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path database() {
        return dir.resolve("cas/db/images.sqlite3");
    }

    private static ImageId id(String hexStart) {
        return new ImageId("sha512-" + hexStart + "0".repeat(128 - hexStart.length()));
    }

    private static AcIdentifier ac(String value) {
        return new AcIdentifier(value);
    }

    private static LinkedHashMap<AcIdentifier, String> labels(String... keyValues) {
        LinkedHashMap<AcIdentifier, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) labels.put(ac(keyValues[i]), keyValues[i + 1]);
        return labels;
    }

    private static ImageRecord record(ImageId id, String name, Instant imported, Map<AcIdentifier, String> labels) {
        return new ImageRecord(id, ac(name), new LinkedHashMap<>(labels), imported, imported, 1234, Optional.empty(),
                CacheValidators.NONE);
    }

    @Test
    void anOpenWhileTheDriverWarmsUpOnAnotherThreadWorks() throws Exception {
        Thread warmUp = Thread.ofPlatform().start(SqliteImageIndex::warmUp);
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            assertEquals(List.of(), index.list());
        }
        warmUp.join();
        SqliteImageIndex.warmUp();
    }

    @Test
    void aWarmUpBeforeTheFirstOpenChangesNothingItReads() throws Exception {
        SqliteImageIndex.warmUp();
        SqliteImageIndex.warmUp();
        ImageRecord written = new ImageRecord(id("cd"), ac("example.com/warm"), labels("os", "linux"), T0, T0, 7,
                Optional.empty(), new CacheValidators(Optional.empty(), Optional.empty(), Optional.empty()));
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(written);
            assertEquals(written, index.get(id("cd")).orElseThrow());
        }
    }

    @Test
    void aRecordRoundTripsWithLabelsInOrderAndCacheValidators() throws Exception {
        CacheValidators cache = new CacheValidators(Optional.of("\"abc\""), Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"),
                Optional.of(T0.plusSeconds(3600)));
        ImageRecord written = new ImageRecord(id("ab"), ac("example.com/app"),
                labels("version", "1.0", "os", "linux", "arch", "amd64"), T0, T0.plusSeconds(5), 42,
                Optional.of(URI.create("https://example.com/app-1.0.aci")), cache);
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(written);
        }
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            ImageRecord read = index.get(id("ab")).orElseThrow();
            assertEquals(written, read);
            assertEquals(List.of("version", "os", "arch"),
                    read.labels().keySet().stream().map(AcIdentifier::value).toList());
            assertEquals("example.com/app:1.0", read.displayName());
            assertTrue(read.cache().isFresh(T0));
            assertFalse(read.cache().isFresh(T0.plusSeconds(3600)));
        }
    }

    @Test
    void putAgainReplacesTheRowAndItsLabels() throws Exception {
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(record(id("ab"), "example.com/app", T0, labels("version", "1", "os", "linux")));
            index.put(record(id("ab"), "example.com/app", T0.plusSeconds(60), labels("arch", "amd64")));
            List<ImageRecord> all = index.list();
            assertEquals(1, all.size());
            assertEquals(labels("arch", "amd64"), all.getFirst().labels());
            assertEquals(T0.plusSeconds(60), all.getFirst().importTime());
        }
    }

    @Test
    void aUniquePrefixResolvesToItsImage() throws Exception {
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(record(id("abc1"), "example.com/a", T0, Map.of()));
            index.put(record(id("abd2"), "example.com/b", T0, Map.of()));
            assertEquals(id("abc1"), index.getByIdPrefix("sha512-abc").id());
            assertEquals(id("abd2"), index.getByIdPrefix("SHA512-ABD").id(), "case of the hex digits does not matter");
            assertEquals(id("abd2"), index.getByIdPrefix(id("abd2").value()).id());
        }
    }

    @Test
    void anAmbiguousPrefixListsTheCandidates() throws Exception {
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(record(id("abc1"), "example.com/a", T0, labels("version", "1")));
            index.put(record(id("abd2"), "example.com/b", T0, Map.of()));
            RocketException e = assertThrows(RocketException.class, () -> index.getByIdPrefix("sha512-ab"));
            assertEquals(Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
            assertTrue(e.getMessage().contains(id("abc1") + " (example.com/a:1)"), e.getMessage());
            assertTrue(e.getMessage().contains(id("abd2").value()), e.getMessage());
        }
    }

    @Test
    void anUnknownPrefixIsNotFoundAndAMalformedOneInvalid() throws Exception {
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(record(id("abc1"), "example.com/a", T0, Map.of()));
            assertEquals(Kind.NOT_FOUND,
                    assertThrows(RocketException.class, () -> index.getByIdPrefix("sha512-ff")).kind());
            for (String bad : List.of("sha512-", "sha512-xyz", "sha256-ab", "sha512-a*", "sha512-" + "a".repeat(129))) {
                RocketException e = assertThrows(RocketException.class, () -> index.getByIdPrefix(bad), bad);
                assertEquals(Kind.INVALID_ARGUMENT, e.kind(), bad);
                assertTrue(e.getMessage().contains(bad), e.getMessage());
            }
        }
    }

    @Test
    void labelMatchingRequiresEveryAskedLabelAndPicksTheLatestImport() throws Exception {
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(record(id("01"), "example.com/app", T0, labels("version", "1", "os", "linux")));
            index.put(record(id("02"), "example.com/app", T0.plusSeconds(10), labels("version", "2", "os", "linux")));
            index.put(record(id("03"), "example.com/app", T0.plusSeconds(20), labels("version", "1", "os", "darwin")));
            index.put(record(id("04"), "example.com/other", T0.plusSeconds(30), labels("version", "1", "os", "linux")));

            assertEquals(id("03"), index.latest(ac("example.com/app"), Map.of()).orElseThrow().id());
            assertEquals(id("02"), index.latest(ac("example.com/app"), labels("os", "linux")).orElseThrow().id());
            assertEquals(id("01"),
                    index.latest(ac("example.com/app"), labels("version", "1", "os", "linux")).orElseThrow().id());
            assertEquals(Optional.empty(), index.latest(ac("example.com/app"), labels("version", "3")));
            assertEquals(Optional.empty(), index.latest(ac("example.com/app"), labels("arch", "amd64")),
                    "a label the image lacks does not match");
            assertEquals(Optional.empty(), index.latest(ac("example.com/none"), Map.of()));
        }
    }

    @Test
    void listTouchLastUsedAndRemove() throws Exception {
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            index.put(record(id("02"), "example.com/b", T0.plusSeconds(10), Map.of()));
            index.put(record(id("01"), "example.com/a", T0, Map.of()));
            assertEquals(List.of(id("01"), id("02")), index.list().stream().map(ImageRecord::id).toList(),
                    "oldest import first");

            assertTrue(index.touch(id("01"), T0.plusSeconds(100)));
            assertFalse(index.touch(id("ff"), T0));
            assertEquals(List.of(id("02")),
                    index.lastUsedBefore(T0.plusSeconds(50)).stream().map(ImageRecord::id).toList());

            assertEquals(id("02"), index.remove(id("02")).orElseThrow().id());
            assertEquals(Optional.empty(), index.remove(id("02")));
            assertEquals(List.of(id("01")), index.list().stream().map(ImageRecord::id).toList());
        }
    }

    @Test
    void byOriginFindsTheLatestDownloadAndUpdateCacheReplacesValidators() throws Exception {
        URI url = URI.create("https://example.com/app.aci");
        try (SqliteImageIndex index = SqliteImageIndex.open(database())) {
            for (int i = 1; i <= 2; i++) {
                index.put(new ImageRecord(id("0" + i), ac("example.com/app"), labels(), T0.plusSeconds(i), T0, 1,
                        Optional.of(url), new CacheValidators(Optional.of("etag" + i), Optional.empty(),
                        Optional.empty())));
            }
            assertEquals(id("02"), index.byOrigin(url).orElseThrow().id());
            assertEquals(Optional.empty(), index.byOrigin(URI.create("https://example.com/other.aci")));

            CacheValidators fresh = new CacheValidators(Optional.of("etag3"), Optional.of("yesterday"),
                    Optional.of(T0.plusSeconds(60)));
            assertTrue(index.updateCache(id("02"), fresh));
            assertEquals(fresh, index.byOrigin(url).orElseThrow().cache());
            assertFalse(index.updateCache(id("ff"), fresh));
        }
    }

    @Test
    void theSchemaIsVersionedAndTheDatabaseInWalMode() throws Exception {
        SqliteImageIndex.open(database()).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement statement = raw.createStatement()) {
            assertEquals(String.valueOf(SqliteImageIndex.SCHEMA_VERSION), single(statement, "PRAGMA user_version"));
            assertEquals("wal", single(statement, "PRAGMA journal_mode"));
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithARemedy() throws Exception {
        SqliteImageIndex.open(database()).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement statement = raw.createStatement()) {
            statement.execute("PRAGMA user_version = " + (SqliteImageIndex.SCHEMA_VERSION + 1));
        }
        RocketException e = assertThrows(RocketException.class, () -> SqliteImageIndex.open(database()));
        assertEquals(Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("newer Rocket"), e.getMessage());
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
