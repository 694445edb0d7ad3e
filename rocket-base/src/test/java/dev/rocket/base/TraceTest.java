package dev.rocket.base;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceTest {

    @Test
    void onForAnyValueButEmptyOrZero() {
        assertTrue(Trace.enabled("1"));
        assertTrue(Trace.enabled("yes"));
        assertFalse(Trace.enabled(null));
        assertFalse(Trace.enabled(""));
        assertFalse(Trace.enabled("0"));
    }

    @Test
    void aMarkWithoutTheVariableDoesNothing() {
        // the tests run without ROCKET_TRACE: a mark must neither fail nor need anything
        Trace.mark("nothing");
        assertFalse(Trace.enabled() && System.getenv(Trace.VARIABLE) == null);
    }
}
