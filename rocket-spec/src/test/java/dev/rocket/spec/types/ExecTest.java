package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecTest {

    @Test
    void theProgramMayBeAbsoluteOrLookedUpInPath() throws SpecException {
        assertEquals("/bin/sh -c true", Exec.parse(List.of("/bin/sh", "-c", "true")).toString());
        assertEquals("sh", Exec.parse(List.of("sh")).args().getFirst());
        assertTrue(Exec.parse(List.of()).isEmpty());
    }

    @Test
    void theProgramMustNotBeEmpty() {
        assertEquals("$[0]", assertThrows(SpecException.class, () -> Exec.parse(List.of("", "x"))).violations().getFirst().path());
    }

    @Test
    void anEventHandlerNeedsAKnownEventAndACommand() throws SpecException {
        assertEquals(EventHandler.Event.POST_STOP, EventHandler.Event.parse("post-stop"));
        assertTrue(assertThrows(SpecException.class, () -> EventHandler.Event.parse("pre-stop")).getMessage()
                .contains("pre-start, post-stop"));
        assertThrows(IllegalArgumentException.class, () -> new EventHandler(EventHandler.Event.PRE_START, Exec.NONE));
    }
}
