package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {"2014-10-27T19:32:27.67021798Z", "2015-05-18T13:49:28.351729952-04:00",
            "2015-05-18T13:49:28Z", "2015-05-18T13:49:28.100+05:30"})
    void keepsThePrecisionItWasGiven(String text) throws SpecException {
        assertEquals(text, Timestamp.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-05-18 13:49:28Z", "2015-05-18T13:49:28", "2015-02-30T00:00:00Z",
            "2015-05-18T25:00:00Z", "2015-05-18T13:49:28.1234567891Z", "18/05/2015", ""})
    void rejectsWhatIsNotAnRfc3339DateTime(String text) {
        assertThrows(SpecException.class, () -> Timestamp.parse(text));
    }

    @Test
    void comparesInstantsAcrossOffsets() throws SpecException {
        assertEquals(0, Timestamp.parse("2015-05-18T13:49:28-04:00").compareTo(Timestamp.parse("2015-05-18T17:49:28Z")));
        assertTrue(Timestamp.parse("2015-05-18T13:49:28Z").compareTo(Timestamp.parse("2015-05-18T13:49:28.1Z")) < 0);
    }

    @Test
    void ofUsesAsFewDigitsAsTheNanosecondsNeed() {
        assertEquals("2020-01-02T03:04:05.120Z",
                Timestamp.of(OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.UTC)).toString());
        assertEquals("2020-01-02T03:04:05Z", Timestamp.of(OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)).toString());
    }
}
