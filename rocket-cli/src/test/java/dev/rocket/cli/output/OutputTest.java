package dev.rocket.cli.output;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutputTest {

    @Test
    void tableAlignsColumnsOnTabStops() {
        StringWriter text = new StringWriter();
        new Table(java.util.List.of("ID", "NAME", "SIZE")).row("sha512-91e98d7f1679", "x", "1B").row("a", "much-longer-name", "2B")
                .print(new PrintWriter(text));
        assertEquals("ID\t\t\tNAME\t\t\tSIZE\nsha512-91e98d7f1679\tx\t\t\t1B\na\t\t\tmuch-longer-name\t2B\n", text.toString());
    }

    @Test
    void humanizedTimesAndSizes() {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        assertEquals("now", Humanize.ago(now, now));
        assertEquals("1 second ago", Humanize.ago(now.minusSeconds(1), now));
        assertEquals("2 minutes ago", Humanize.ago(now.minusSeconds(150), now));
        assertEquals("6 days ago", Humanize.ago(now.minus(Duration.ofDays(6)), now));
        assertEquals("3 weeks ago", Humanize.ago(now.minus(Duration.ofDays(21)), now));
        assertEquals("512B", Humanize.bytes(512));
        assertEquals("1.5KiB", Humanize.bytes(1536));
        assertEquals("12MiB", Humanize.bytes(12 * 1024 * 1024));
        assertEquals("143MiB", Humanize.bytes(143 * 1024 * 1024 + 1000));
    }

    @Test
    void goDurations() {
        assertEquals(Duration.ofMinutes(30), DurationConverter.parse("30m"));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("1h30m"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0"));
        assertEquals(Duration.ofHours(24), DurationConverter.parse("24h0m0s"));
        for (String bad : new String[]{"", "5", "1x", "m", "1h-", "soon"}) {
            assertThrows(TypeConversionException.class, () -> DurationConverter.parse(bad), bad);
        }
    }
}
