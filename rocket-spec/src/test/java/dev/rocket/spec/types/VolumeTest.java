package dev.rocket.spec.types;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeTest {

    @Test
    void anEmptyVolumeHasTheSpecificationsDefaults() {
        Volume empty = Volume.empty(new AcName("scratch"));

        assertEquals(0755, empty.effectiveMode());
        assertEquals(0, empty.effectiveUid());
        assertEquals(0, empty.effectiveGid());
        assertFalse(empty.effectiveReadOnly());
    }

    @Test
    void aHostVolumeIsRecursiveUnlessItSaysOtherwise() {
        Volume host = Volume.host(new AcName("data"), "/srv/data", true);

        assertTrue(host.effectiveRecursive());
        assertTrue(host.effectiveReadOnly());
    }

    @Test
    void fieldsMustFitTheKind() {
        assertThrows(IllegalArgumentException.class, () -> Volume.host(new AcName("data"), "srv", false));
        assertEquals("$.source", Volume.problems(Volume.Kind.HOST, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty()).getFirst().path());
        assertEquals("$.uid", Volume.problems(Volume.Kind.HOST, Optional.of("/a"), Optional.empty(), Optional.empty(),
                OptionalInt.of(1), OptionalInt.empty()).getFirst().path());
        assertEquals("$.mode", Volume.problems(Volume.Kind.EMPTY, Optional.empty(), Optional.empty(), Optional.of("0999"),
                OptionalInt.empty(), OptionalInt.empty()).getFirst().path());
        assertEquals("$.mode", Volume.problems(Volume.Kind.EMPTY, Optional.empty(), Optional.empty(), Optional.of("17777"),
                OptionalInt.empty(), OptionalInt.empty()).getFirst().path());
        assertTrue(Volume.problems(Volume.Kind.EMPTY, Optional.empty(), Optional.empty(), Optional.of("1777"),
                OptionalInt.of(1000), OptionalInt.of(1000)).isEmpty());
    }
}
