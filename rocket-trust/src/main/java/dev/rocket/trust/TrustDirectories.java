package dev.rocket.trust;

import dev.rocket.spec.types.AcIdentifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where trusted keys live, and the one place that names their paths:
 * {@code <config>/trustedkeys/root.d/<fingerprint>} and
 * {@code <config>/trustedkeys/prefix.d/<prefix>/<fingerprint>} under each of the system, local and (if given)
 * user configuration directories ({@code --system-config}, {@code --local-config}, {@code --user-config}).
 */
public record TrustDirectories(Path system, Path local, Optional<Path> user) {

    public static final Path DEFAULT_SYSTEM = Path.of("/usr/lib/rkt");
    public static final Path DEFAULT_LOCAL = Path.of("/etc/rkt");

    public TrustDirectories {
        if (system == null || local == null || user == null) {
            throw new IllegalArgumentException("system and local configuration directories must be given");
        }
    }

    /** rkt's defaults: {@code /usr/lib/rkt} and {@code /etc/rkt}, no user directory. */
    public static TrustDirectories defaults() {
        return new TrustDirectories(DEFAULT_SYSTEM, DEFAULT_LOCAL, Optional.empty());
    }

    /** The layers that exist, lowest precedence first. */
    public List<ConfigLayer> layers() {
        List<ConfigLayer> layers = new ArrayList<>(List.of(ConfigLayer.SYSTEM, ConfigLayer.LOCAL));
        user.ifPresent(u -> layers.add(ConfigLayer.USER));
        return layers;
    }

    /** The configuration directory of {@code layer}; a missing user directory is a programming error. */
    public Path config(ConfigLayer layer) {
        return switch (layer) {
            case SYSTEM -> system;
            case LOCAL -> local;
            case USER -> user.orElseThrow(() -> new IllegalArgumentException("no user configuration directory"));
        };
    }

    /** {@code <config>/trustedkeys/root.d}. */
    public Path rootKeys(ConfigLayer layer) {
        return trustedKeys(layer).resolve("root.d");
    }

    /** {@code <config>/trustedkeys/prefix.d}. */
    public Path prefixKeys(ConfigLayer layer) {
        return trustedKeys(layer).resolve("prefix.d");
    }

    /** The directory holding the keys of {@code scope} in {@code layer}. */
    public Path scopeDirectory(ConfigLayer layer, TrustScope scope) {
        return switch (scope) {
            case TrustScope.Root root -> rootKeys(layer);
            // An AC Identifier has no empty, "." or ".." component, so it is safe to resolve as a relative path.
            case TrustScope.Prefix prefix -> prefixKeys(layer).resolve(prefix.prefix().value());
        };
    }

    /** The file of one key of {@code scope} in {@code layer}. */
    public Path keyFile(ConfigLayer layer, TrustScope scope, KeyFingerprint fingerprint) {
        return scopeDirectory(layer, scope).resolve(fingerprint.toString());
    }

    /**
     * The scopes whose keys may sign {@code imageName}: root, then each prefix made of its leading path
     * components, shortest first ({@code a}, {@code a/b}, {@code a/b/c}).
     */
    static List<TrustScope> scopesCovering(AcIdentifier imageName) {
        List<TrustScope> scopes = new ArrayList<>();
        scopes.add(TrustScope.root());
        String name = imageName.value();
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            scopes.add(TrustScope.prefix(new AcIdentifier(name.substring(0, slash))));
        }
        scopes.add(TrustScope.prefix(imageName));
        return scopes;
    }

    private Path trustedKeys(ConfigLayer layer) {
        return config(layer).resolve("trustedkeys");
    }
}
