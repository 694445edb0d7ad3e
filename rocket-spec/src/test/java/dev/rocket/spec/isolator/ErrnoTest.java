package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrnoTest {

    @ParameterizedTest
    @EnumSource(Errno.class)
    void readsEveryErrnoByItsName(Errno errno) throws SpecException {
        assertEquals(errno, Errno.parse(errno.name()));
    }

    @ParameterizedTest
    @CsvSource({"EPERM, 1", "ENOENT, 2", "EACCES, 13", "ENOSYS, 38", "EAGAIN, 11", "EWOULDBLOCK, 11",
            "EDEADLOCK, 35", "EOPNOTSUPP, 95", "ENOTSUP, 95", "EHWPOISON, 133"})
    void hasTheLinuxNumbers(String name, int number) throws SpecException {
        assertEquals(number, Errno.parse(name).number());
    }

    @Test
    void coversEveryNumberFromOneTo133ExceptTheUnusedOnes() {
        for (int n = 1; n <= 133; n++) {
            int number = n;
            boolean known = Arrays.stream(Errno.values()).anyMatch(e -> e.number() == number);
            assertEquals(n != 41 && n != 58, known, "errno " + n);
        }
    }

    @Test
    void namesTheUpperCaseSpelling() {
        assertOnlyViolation(assertThrows(SpecException.class, () -> Errno.parse("eperm")), "$", "eperm", "use EPERM");
    }

    @ParameterizedTest
    @CsvSource({"EACCESX, EACCES", "EPRM, EPERM", "ENOSIS, ENOSYS", "EEPERM, EPERM"})
    void suggestsTheNameOneLetterAway(String text, String meant) {
        assertOnlyViolation(assertThrows(SpecException.class, () -> Errno.parse(text)), "$", text,
                "did you mean " + meant + "?");
    }

    @Test
    void readsTheSpecExampleSpellingOfEacces() throws SpecException {
        assertEquals(Errno.EACCES, Errno.parse("EACCESS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EFOOBAR", "1", "E PERM", "EXYZZY"})
    void refusesUnknownNames(String text) {
        assertOnlyViolation(assertThrows(SpecException.class, () -> Errno.parse(text)), "$", text, "not a Linux errno");
    }
}
