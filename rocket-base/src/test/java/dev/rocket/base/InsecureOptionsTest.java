package dev.rocket.base;

import dev.rocket.base.InsecureOptions.Option;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsecureOptionsTest {

    @Test
    void everythingIsOnByDefault() throws RocketException {
        for (Option option : Option.values()) {
            assertFalse(InsecureOptions.none().allows(option));
            assertFalse(InsecureOptions.parse(List.of()).allows(option));
            assertFalse(InsecureOptions.parse(List.of("none")).allows(option));
        }
    }

    @Test
    void groupsAndSingleWords() throws RocketException {
        InsecureOptions fetch = InsecureOptions.parse(List.of("all-fetch"));
        assertTrue(fetch.allows(Option.IMAGE) && fetch.allows(Option.TLS) && fetch.allows(Option.HTTP));
        assertFalse(fetch.allows(Option.PUBKEY) || fetch.allows(Option.SECCOMP));
        InsecureOptions run = InsecureOptions.parse(List.of("all-run", "image"));
        assertTrue(run.allows(Option.CAPABILITIES) && run.allows(Option.PATHS) && run.allows(Option.SECCOMP) && run.allows(Option.IMAGE));
        assertFalse(run.allows(Option.HTTP));
        InsecureOptions all = InsecureOptions.parse(List.of("all"));
        for (Option option : Option.values()) assertTrue(all.allows(option));
        assertEquals("http,image", InsecureOptions.parse(List.of("Image", "http")).toString());
    }

    @Test
    void unknownWordsAreRefusedNamingTheValidOnes() {
        RocketException e = assertThrows(RocketException.class, () -> InsecureOptions.parse(List.of("http", "ondisk")));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("\"ondisk\"") && e.getMessage().contains("all-fetch"), e.getMessage());
    }
}
