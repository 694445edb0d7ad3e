package dev.rocket.trust;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.trust.TestKeys.TestKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustStoreTest {

    private static final AcIdentifier ETCD = new AcIdentifier("coreos.com/etcd");
    private static final TrustScope COREOS = TrustScope.prefix(new AcIdentifier("coreos.com"));

    @TempDir
    Path tmp;
    private TrustDirectories dirs;
    private TrustStore store;

    @BeforeEach
    void setUp() {
        dirs = new TrustDirectories(tmp.resolve("usr-lib-rkt"), tmp.resolve("etc-rkt"), Optional.of(tmp.resolve("home")));
        store = new TrustStore(dirs);
    }

    private static List<KeyFingerprint> fingerprints(List<TrustedKey> keys) {
        return keys.stream().map(k -> k.key().fingerprint()).toList();
    }

    private Path place(ConfigLayer layer, TrustScope scope, KeyFingerprint name, byte[] content) throws IOException {
        Path file = dirs.keyFile(layer, scope, name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    @Test
    void addWritesTheArmoredKeyUnderItsFingerprintInTheLocalDirectory() throws Exception {
        TestKey key = TestKeys.ed25519("CoreOS ACI Builder <release@coreos.com>");

        TrustedKey added = store.add(TrustScope.prefix(ETCD), key.key(), ConfigLayer.LOCAL);

        Path expected = tmp.resolve("etc-rkt/trustedkeys/prefix.d/coreos.com/etcd/" + key.fingerprint());
        assertEquals(expected, added.file());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected.getParent())));
        List<OpenPgpKey> stored = OpenPgpKey.readAll(Files.newInputStream(expected), expected.toString());
        assertEquals(List.of(key.fingerprint()), stored.stream().map(OpenPgpKey::fingerprint).toList());
        assertEquals(List.of(key.fingerprint()), fingerprints(store.keysFor(ETCD)));
    }

    @Test
    void addWritesRootKeysToRootD() throws Exception {
        TestKey key = TestKeys.ed25519("Root <root@example.com>");

        TrustedKey added = store.add(TrustScope.root(), key.key(), ConfigLayer.USER);

        assertEquals(tmp.resolve("home/trustedkeys/root.d/" + key.fingerprint()), added.file());
        assertEquals(List.of(key.fingerprint()), fingerprints(store.keysFor(new AcIdentifier("any.org/thing"))));
    }

    @Test
    void refusesToWriteIntoTheSystemDirectory() {
        OpenPgpKey key = TestKeys.ed25519("S <s@example.com>").key();

        assertThrows(IllegalArgumentException.class, () -> store.add(COREOS, key, ConfigLayer.SYSTEM));
    }

    @Test
    void refusesToTrustARevokedKey() {
        OpenPgpKey revoked = TestKeys.ed25519("R <r@example.com>").revoked("stolen").key();

        RocketException e = assertThrows(RocketException.class, () -> store.add(COREOS, revoked, ConfigLayer.LOCAL));

        assertEquals(RocketException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    }

    @Test
    void keysForANameComeFromRootAndEveryCoveringPrefixOnly() throws Exception {
        TestKey root = TestKeys.ed25519("Root <root@example.com>");
        TestKey coreos = TestKeys.ed25519("CoreOS <c@coreos.com>");
        TestKey etcd = TestKeys.ed25519("Etcd <e@coreos.com>");
        TestKey other = TestKeys.ed25519("Other <o@coreos.com>");
        TestKey lookAlike = TestKeys.ed25519("Evil <e@coreos.com.evil>");
        store.add(TrustScope.root(), root.key(), ConfigLayer.LOCAL);
        store.add(COREOS, coreos.key(), ConfigLayer.LOCAL);
        store.add(TrustScope.prefix(ETCD), etcd.key(), ConfigLayer.LOCAL);
        store.add(TrustScope.prefix(new AcIdentifier("coreos.com/flannel")), other.key(), ConfigLayer.LOCAL);
        store.add(TrustScope.prefix(new AcIdentifier("coreos.com.evil")), lookAlike.key(), ConfigLayer.LOCAL);

        List<TrustedKey> keys = store.keysFor(new AcIdentifier("coreos.com/etcd/server"));

        assertEquals(List.of(root.fingerprint(), coreos.fingerprint(), etcd.fingerprint()), fingerprints(keys));
        assertEquals(List.of("root", "coreos.com", "coreos.com/etcd"),
                keys.stream().map(k -> k.scope().toString()).toList());
        assertEquals(5, store.list().size());
    }

    @Test
    void systemKeysAreTrustedUntilTheLocalDirectoryDisablesThemWithAnEmptyFile() throws Exception {
        TestKey vendor = TestKeys.ed25519("Vendor <v@coreos.com>");
        place(ConfigLayer.SYSTEM, COREOS, vendor.fingerprint(), vendor.armoredPublic());
        assertEquals(ConfigLayer.SYSTEM, store.keysFor(ETCD).getFirst().layer());

        place(ConfigLayer.LOCAL, COREOS, vendor.fingerprint(), new byte[0]);

        assertEquals(List.of(), store.keysFor(ETCD));
    }

    @Test
    void localFileReplacesTheSystemFileOfTheSameKey() throws Exception {
        TestKey old = TestKeys.ed25519("Vendor <v@coreos.com>");
        TestKey renewed = old.withUserId("Vendor (renewed) <v@coreos.com>");
        place(ConfigLayer.SYSTEM, COREOS, old.fingerprint(), old.armoredPublic());

        store.add(COREOS, renewed.key(), ConfigLayer.LOCAL);

        TrustedKey effective = store.keysFor(ETCD).getFirst();
        assertEquals(ConfigLayer.LOCAL, effective.layer());
        assertEquals(2, effective.key().userIds().size());
        assertEquals(1, store.keysFor(ETCD).size());
    }

    @Test
    void userDirectoryOverridesTheLocalOne() throws Exception {
        TestKey key = TestKeys.ed25519("K <k@coreos.com>");
        store.add(COREOS, key.key(), ConfigLayer.LOCAL);

        place(ConfigLayer.USER, COREOS, key.fingerprint(), new byte[0]);

        assertEquals(List.of(), store.keysFor(ETCD));
    }

    @Test
    void aDisablingFileOnlyAffectsItsOwnPlace() throws Exception {
        TestKey key = TestKeys.ed25519("K <k@coreos.com>");
        place(ConfigLayer.SYSTEM, TrustScope.root(), key.fingerprint(), key.armoredPublic());

        place(ConfigLayer.LOCAL, COREOS, key.fingerprint(), new byte[0]);

        assertEquals(List.of(key.fingerprint()), fingerprints(store.keysFor(ETCD)));
    }

    @Test
    void ignoresFilesNotNamedByAFingerprint() throws Exception {
        Path readme = dirs.rootKeys(ConfigLayer.LOCAL).resolve("README");
        Files.createDirectories(readme.getParent());
        Files.writeString(readme, "keys trusted for every image");

        assertEquals(List.of(), store.keysFor(ETCD));
    }

    @Test
    void aKeyFileHoldingAnotherKeyIsReportedNotTrusted() throws Exception {
        TestKey named = TestKeys.ed25519("Named <n@coreos.com>");
        TestKey inside = TestKeys.ed25519("Inside <i@coreos.com>");
        Path file = place(ConfigLayer.LOCAL, COREOS, named.fingerprint(), inside.armoredPublic());

        RocketException e = assertThrows(RocketException.class, () -> store.keysFor(ETCD));

        assertEquals(RocketException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not hold the key its name promises"), e.getMessage());
    }

    @Test
    void aDamagedKeyFileIsReportedWithItsPath() throws Exception {
        Path file = place(ConfigLayer.LOCAL, COREOS, TestKeys.ed25519("D <d@x.org>").fingerprint(),
                "garbage".getBytes());

        RocketException e = assertThrows(RocketException.class, () -> store.keysFor(ETCD));

        assertTrue(e.getMessage().startsWith("trusted key file " + file + " is damaged"), e.getMessage());
    }

    @Test
    void readersNeverSeeAPartlyWrittenKeyFile() throws Exception {
        TestKey first = TestKeys.ed25519("Versioned <v@coreos.com>");
        TestKey second = first.withUserId("Versioned (second uid) <v2@coreos.com>");
        TrustedKey added = store.add(COREOS, first.key(), ConfigLayer.LOCAL);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get() && failure.get() == null) {
                try {
                    byte[] content = Files.readAllBytes(added.file());
                    OpenPgpKey seen = OpenPgpKey.readAll(new ByteArrayInputStream(content), "file").getFirst();
                    if (!seen.fingerprint().equals(first.fingerprint())) throw new AssertionError("wrong key");
                    reads.incrementAndGet();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }
        });
        try {
            for (int i = 0; i < 200; i++) {
                store.add(COREOS, (i % 2 == 0 ? second : first).key(), ConfigLayer.LOCAL);
            }
        } finally {
            writing.set(false);
            reader.join();
        }

        assertNull(failure.get(), () -> "a reader saw a broken key file: " + failure.get());
        assertTrue(reads.get() > 0);
        try (Stream<Path> files = Files.list(added.file().getParent())) {
            assertEquals(List.of(added.file()), files.toList(), "no temporary file is left behind");
        }
    }
}
