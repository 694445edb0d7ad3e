package dev.rocket.cli.rkt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RktCommandTest {

    @Test
    void aPodStartIsKnownByItsCommandWordAfterTheGlobalOptions() {
        assertTrue(RktCommand.startsAPod(new String[]{"--dir=/x", "--insecure-options=image", "run", "example.com/app"}));
        assertTrue(RktCommand.startsAPod(new String[]{"prepare", "example.com/app"}));
        assertTrue(RktCommand.startsAPod(new String[]{"run-prepared", "--net=none", "UUID"}));
        assertFalse(RktCommand.startsAPod(new String[]{"--dir=/x", "list"}));
        assertFalse(RktCommand.startsAPod(new String[]{"image", "run"}));
        assertFalse(RktCommand.startsAPod(new String[]{"--help"}));
    }
}
