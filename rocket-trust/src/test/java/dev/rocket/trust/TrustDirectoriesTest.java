package dev.rocket.trust;

import dev.rocket.spec.types.AcIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrustDirectoriesTest {

    private static final KeyFingerprint FINGERPRINT = new KeyFingerprint("8b86de38890ddb7291867b025210bd8888182190");

    @Test
    void namesKeyFilesAsRktLaysThemOut() {
        TrustDirectories dirs = TrustDirectories.defaults();

        assertEquals(Path.of("/etc/rkt/trustedkeys/prefix.d/coreos.com/etcd/" + FINGERPRINT),
                dirs.keyFile(ConfigLayer.LOCAL, TrustScope.prefix(new AcIdentifier("coreos.com/etcd")), FINGERPRINT));
        assertEquals(Path.of("/usr/lib/rkt/trustedkeys/root.d/" + FINGERPRINT),
                dirs.keyFile(ConfigLayer.SYSTEM, TrustScope.root(), FINGERPRINT));
    }

    @Test
    void userDirectoryIsALayerOnlyWhenGiven() {
        assertEquals(List.of(ConfigLayer.SYSTEM, ConfigLayer.LOCAL), TrustDirectories.defaults().layers());
        TrustDirectories withUser = new TrustDirectories(Path.of("/s"), Path.of("/l"), Optional.of(Path.of("/u")));
        assertEquals(List.of(ConfigLayer.SYSTEM, ConfigLayer.LOCAL, ConfigLayer.USER), withUser.layers());
        assertEquals(Path.of("/u/trustedkeys/root.d"), withUser.rootKeys(ConfigLayer.USER));
    }

    @Test
    void theScopesThatMaySignANameAreRootAndEachLeadingPath() {
        List<TrustScope> scopes = TrustDirectories.scopesCovering(new AcIdentifier("example.com/app/sub"));

        assertEquals(List.of("root", "example.com", "example.com/app", "example.com/app/sub"),
                scopes.stream().map(TrustScope::toString).toList());
    }
}
