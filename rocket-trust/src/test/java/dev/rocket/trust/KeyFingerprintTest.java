package dev.rocket.trust;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFingerprintTest {

    @Test
    void parsesTheFormRktPrintsIntoTheFileName() throws SpecException {
        KeyFingerprint fingerprint = KeyFingerprint.parse("B346 E31D E7E3 C6F9 D1D4  603F 4DFB 61BF 26EF 7A14");

        assertEquals("b346e31de7e3c6f9d1d4603f4dfb61bf26ef7a14", fingerprint.toString());
    }

    @Test
    void groupsLikeRktTrust() {
        KeyFingerprint fingerprint = new KeyFingerprint("8b86de38890ddb7291867b025210bd8888182190");

        assertEquals("8B86 DE38 890D DB72 9186  7B02 5210 BD88 8818 2190", fingerprint.grouped());
        assertEquals("5210BD8888182190", fingerprint.keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "b346e31d", "g346e31de7e3c6f9d1d4603f4dfb61bf26ef7a14",
            "b346e31de7e3c6f9d1d4603f4dfb61bf26ef7a14ff"})
    void refusesWhatIsNotAFingerprint(String text) {
        SpecException e = assertThrows(SpecException.class, () -> KeyFingerprint.parse(text));

        assertTrue(e.getMessage().contains("40 (version 4 key) or 64 (version 6 key) hex digits"), e.getMessage());
    }

    @Test
    void constructorTakesOnlyTheLowercaseFileNameForm() {
        assertThrows(IllegalArgumentException.class,
                () -> new KeyFingerprint("B346E31DE7E3C6F9D1D4603F4DFB61BF26EF7A14"));
    }
}
