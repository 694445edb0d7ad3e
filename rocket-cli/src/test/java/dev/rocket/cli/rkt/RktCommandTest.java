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

    @Test
    void anImageCommandIsKnownByItsCommandWordAfterTheGlobalOptions() {
        assertTrue(StoreWarmUp.wanted(new String[]{"--dir=/x", "image", "list"}));
        assertTrue(StoreWarmUp.wanted(new String[]{"image", "rm", "sha512-0"}));
        assertTrue(StoreWarmUp.wanted(new String[]{"--insecure-options=image", "fetch", "x.aci"}));
        assertTrue(StoreWarmUp.wanted(new String[]{"export", "uuid", "out.aci"}));
        assertFalse(StoreWarmUp.wanted(new String[]{"list"}));
        assertFalse(StoreWarmUp.wanted(new String[]{"--insecure-options=image", "list"}));
        assertFalse(StoreWarmUp.wanted(new String[]{"run", "image"}));
        assertFalse(StoreWarmUp.wanted(new String[]{"--help"}));
    }
}
