package dev.rocket.trust;

import dev.rocket.base.AtomicFile;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * rkt's trusted key store, laid out as {@link TrustDirectories} names it.
 *
 * <p>The three configuration directories are layered like an overlay: a key file in the local directory
 * replaces the file with the same place and name ({@code root.d/<fingerprint>} or
 * {@code prefix.d/<prefix>/<fingerprint>}) in the system directory, and the user directory does the same to
 * both. An empty file removes the key at that place, which is how an administrator disables a key the
 * distribution ships. Only files named by a lowercase fingerprint count; each must hold the key of that
 * fingerprint.
 */
public final class TrustStore {

    private static final Set<PosixFilePermission> KEY_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> KEY_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private final TrustDirectories directories;

    public TrustStore(TrustDirectories directories) {
        this.directories = directories;
    }

    public TrustDirectories directories() {
        return directories;
    }

    /** The keys that may sign an image called {@code imageName}: root keys and keys of every covering prefix. */
    public List<TrustedKey> keysFor(AcIdentifier imageName) throws RocketException {
        List<TrustedKey> keys = new ArrayList<>();
        for (TrustScope scope : TrustDirectories.scopesCovering(imageName)) {
            keys.addAll(keysIn(scope));
        }
        return keys;
    }

    /** Every trusted key: root keys first, then prefix keys ordered by prefix. */
    public List<TrustedKey> list() throws RocketException {
        Set<AcIdentifier> prefixes = new TreeSet<>();
        for (ConfigLayer layer : directories.layers()) {
            Path prefixKeys = directories.prefixKeys(layer);
            if (!Files.isDirectory(prefixKeys)) continue;
            try (Stream<Path> dirs = Files.walk(prefixKeys)) {
                dirs.filter(Files::isDirectory)
                        .map(dir -> prefixKeys.relativize(dir).toString())
                        .filter(AcIdentifier::isValid)
                        .forEach(prefix -> prefixes.add(new AcIdentifier(prefix)));
            } catch (IOException | RuntimeException e) {
                throw unreadable(prefixKeys, e);
            }
        }
        List<TrustedKey> keys = new ArrayList<>(keysIn(TrustScope.root()));
        for (AcIdentifier prefix : prefixes) {
            keys.addAll(keysIn(TrustScope.prefix(prefix)));
        }
        return keys;
    }

    /**
     * Trusts {@code key} for {@code scope} by writing it, ascii-armored, to
     * {@code <config>/trustedkeys/.../<fingerprint>} in the local or user directory. The file appears whole or
     * not at all; an existing file for the same key is replaced. Directories are made {@code 0755}, the file
     * {@code 0644} (public keys are not secret, but only the owner may change what is trusted).
     *
     * @param into {@link ConfigLayer#LOCAL} or {@link ConfigLayer#USER}; the system directory is the vendor's
     * @throws RocketException {@code FAILED_PRECONDITION} for a revoked key; {@code PERMISSION_DENIED} or
     *                         {@code INTERNAL} when the file cannot be written
     */
    public TrustedKey add(TrustScope scope, OpenPgpKey key, ConfigLayer into) throws RocketException {
        if (into == ConfigLayer.SYSTEM) {
            throw new IllegalArgumentException("the system configuration directory is read only; add keys to the"
                    + " local or user directory");
        }
        if (key.revoked()) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "key " + key + " was revoked by its owner;"
                    + " it cannot be trusted. Ask the publisher for their current key");
        }
        Path file = directories.keyFile(into, scope, key.fingerprint());
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(KEY_DIRECTORY));
            AtomicFile.write(file, key.armored(), KEY_FILE);
        } catch (AccessDeniedException e) {
            throw new RocketException(Kind.PERMISSION_DENIED, "cannot write trusted key " + file
                    + ": permission denied; run as root or use --user-config", e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot write trusted key " + file + ": " + e, e);
        }
        return new TrustedKey(key, scope, into, file);
    }

    /** The effective keys of one scope after layering, ordered by fingerprint. */
    private List<TrustedKey> keysIn(TrustScope scope) throws RocketException {
        record Entry(ConfigLayer layer, Path file) {
        }
        Map<String, Entry> effective = new LinkedHashMap<>();
        for (ConfigLayer layer : directories.layers()) {
            Path dir = directories.scopeDirectory(layer, scope);
            for (Path file : keyFilesIn(dir)) {
                String name = file.getFileName().toString();
                if (isEmpty(file)) {
                    effective.remove(name);
                } else {
                    effective.put(name, new Entry(layer, file));
                }
            }
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (Map.Entry<String, Entry> e : effective.entrySet()) {
            KeyFingerprint fingerprint = new KeyFingerprint(e.getKey());
            keys.add(new TrustedKey(read(e.getValue().file(), fingerprint), scope, e.getValue().layer(),
                    e.getValue().file()));
        }
        keys.sort(Comparator.comparing(k -> k.key().fingerprint().hex()));
        return keys;
    }

    private static List<Path> keyFilesIn(Path dir) throws RocketException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> KeyFingerprint.isFileName(f.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(dir)) return List.of();
            throw unreadable(dir, e);
        }
    }

    private static boolean isEmpty(Path file) throws RocketException {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static OpenPgpKey read(Path file, KeyFingerprint fingerprint) throws RocketException {
        List<OpenPgpKey> keys;
        try (InputStream in = Files.newInputStream(file)) {
            keys = OpenPgpKey.readAll(in, file.toString());
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (RocketException e) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "trusted key file " + file + " is damaged: "
                    + e.getMessage() + ". Remove it, or trust the key again with rkt trust", e);
        }
        return keys.stream().filter(k -> k.fingerprint().equals(fingerprint)).findFirst().orElseThrow(
                () -> new RocketException(Kind.FAILED_PRECONDITION, "trusted key file " + file
                        + " does not hold the key its name promises (" + fingerprint.grouped()
                        + ") but " + keys.getFirst().fingerprint().grouped()
                        + "; remove it, or trust the key again with rkt trust"));
    }

    private static RocketException unreadable(Path path, Exception e) {
        Throwable cause = e.getCause() instanceof IOException io ? io : e;
        if (cause instanceof AccessDeniedException) {
            return new RocketException(Kind.PERMISSION_DENIED, "cannot read trusted keys in " + path
                    + ": permission denied", e);
        }
        return new RocketException(Kind.INTERNAL, "cannot read trusted keys in " + path + ": " + cause, e);
    }
}
