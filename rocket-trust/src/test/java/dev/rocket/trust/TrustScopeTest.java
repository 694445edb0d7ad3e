package dev.rocket.trust;

import dev.rocket.spec.types.AcIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustScopeTest {

    @ParameterizedTest(name = "prefix {0} covers {1}: {2}")
    @CsvSource({
            "example.com, example.com, true",
            "example.com, example.com/app, true",
            "example.com, example.com/app/sub, true",
            "example.com/app, example.com/app/sub, true",
            "example.com, example.com.evil/app, false",
            "example.com, example.co, false",
            "example.com, example.comx, false",
            "example.com/app, example.com/application, false",
            "example.com/app, example.com, false",
    })
    void prefixesMatchWholePathComponents(String prefix, String name, boolean covered) {
        TrustScope scope = TrustScope.prefix(new AcIdentifier(prefix));

        assertEquals(covered, scope.covers(new AcIdentifier(name)));
    }

    @Test
    void rootCoversEveryName() {
        assertTrue(TrustScope.root().covers(new AcIdentifier("anything.org/at/all")));
    }

    @Test
    void readsAsTheUserWroteIt() {
        assertEquals("coreos.com/etcd", TrustScope.prefix(new AcIdentifier("coreos.com/etcd")).toString());
        assertEquals("root", TrustScope.root().toString());
    }
}
