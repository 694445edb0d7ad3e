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
    void sizesPrintedByIntegersAreWhatTheFormatterPrints() {
        java.util.List<Long> sizes = new java.util.ArrayList<>();
        for (int shift = 10; shift <= 52; shift++) {
            for (long delta = -2048; delta <= 2048; delta += 7) sizes.add((1L << shift) + delta);
            for (long tenth = 0; tenth < 100; tenth++) {
                // around each tie of one decimal (x.x5) and of none (x.5), where rounding half up decides
                long tie = ((2 * tenth + 1) << shift) / 20;
                for (long delta = -2; delta <= 2; delta++) sizes.add(tie + delta);
            }
        }
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < 20_000; i++) sizes.add(1024 + (random.nextLong() >>> (1 + random.nextInt(60))));
        for (long size : sizes) {
            if (size >= 0) assertEquals(formatted(size), Humanize.bytes(size), "size " + size);
        }
    }

    /** Humanize.bytes as it was with String.format, for every size. */
    private static String formatted(long size) {
        if (size < 1024) return size + "B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value < 10 ? String.format(java.util.Locale.ROOT, "%.1f", value)
                : String.format(java.util.Locale.ROOT, "%.0f", value);
        if (number.endsWith(".0")) number = number.substring(0, number.length() - 2);
        return number + units[unit];
    }

    @Test
    void fullTimesInUtcAreWhatTheFormatterPrints() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        java.time.format.DateTimeFormatter formatter =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xx zzz", java.util.Locale.ROOT);
        try {
            for (String zone : new String[] {"UTC", "Etc/UTC", "Europe/Berlin", "Asia/Kolkata"}) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
                for (String time : new String[] {"2026-11-29T11:32:11.893924454Z", "2016-01-05T06:07:08Z",
                        "0001-01-01T00:00:00.999Z", "9999-12-31T23:59:59.5Z", "-0001-06-01T00:00:00Z", "+12345-01-01T00:00:00Z"}) {
                    Instant instant = Instant.parse(time);
                    assertEquals(formatter.format(instant.atZone(java.time.ZoneId.of(zone))), Humanize.fullTime(instant),
                            zone + " " + time);
                }
            }
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            assertEquals("2026-11-29 11:32:11.893 +0000 UTC", Humanize.fullTime(Instant.parse("2026-11-29T11:32:11.893924454Z")));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
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
