package dev.rocket.mds;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HMAC-SHA512 as RFC 2104 defines it, checked against RFC 4231's known answers. */
class PodKeyTest {

    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    private static final String RFC4231_CASE2 = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";

    @Test
    void signsAsRfc4231Says() {
        PodKey key = PodKey.of("Jefe".getBytes(StandardCharsets.US_ASCII));
        String signature = key.sign("what do ya want for nothing?");
        assertEquals(RFC4231_CASE2, HexFormat.of().formatHex(Base64.getDecoder().decode(signature)));
        assertTrue(key.verify("what do ya want for nothing?", signature));
    }

    @Test
    void verifyRefusesOtherContentOtherKeysAndMalformedSignatures() {
        PodKey key = PodKey.generate();
        String signature = key.sign("héllo");
        assertTrue(key.verify("héllo", signature));
        assertFalse(key.verify("hello", signature));
        assertFalse(PodKey.generate().verify("héllo", signature));
        assertFalse(key.verify("héllo", "%%%"));
        assertFalse(key.verify("héllo", signature.substring(0, 20)));
        assertNotEquals(PodKey.generate().sign("x"), PodKey.generate().sign("x"));
    }
}
