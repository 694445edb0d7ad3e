package dev.rocket.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;

/** Times and sizes as rkt's listings show them: "6 days ago", "12MiB", and the long forms of --full. */
public final class Humanize {

    /** The long time form's pattern, built on first use (plain listings never need it). */
    private static final class FullTime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xx zzz", Locale.ROOT);
    }

    /** Sizes below this are printed by integer arithmetic, exactly as the formatter rounds them (see {@link #bytes}). */
    private static final long EXACT_SIZES = 1L << 50;

    private Humanize() {
    }

    /** A relative time such as {@code now}, {@code 1 minute ago} or {@code 3 weeks ago}. */
    public static String ago(Instant then, Instant now) {
        Duration elapsed = Duration.between(then, now);
        if (elapsed.isNegative()) return "in the future";
        long seconds = elapsed.toSeconds();
        if (seconds < 1) return "now";
        if (seconds < 60) return plural(seconds, "second");
        if (seconds < 3600) return plural(seconds / 60, "minute");
        if (seconds < 86400) return plural(seconds / 3600, "hour");
        long days = seconds / 86400;
        if (days < 7) return plural(days, "day");
        if (days < 30) return plural(days / 7, "week");
        if (days < 365) return plural(days / 30, "month");
        return plural(days / 365, "year");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s") + " ago";
    }

    /**
     * The long time form of {@code --full} listings and {@code rkt status}, in the host's time zone:
     * {@code 2026-11-29 11:32:11.893 +0000 UTC}. In UTC, the usual zone of servers, it is assembled directly: the
     * formatter's zone name ({@code zzz}) costs a fresh JVM the locale providers' time zone names, ~10 ms.
     */
    public static String fullTime(Instant time) {
        String zone = TimeZone.getDefault().getID();
        if (zone.equals("UTC") || zone.equals("Etc/UTC")) {
            LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
            if (utc.getYear() >= 1 && utc.getYear() <= 9999) {
                StringBuilder text = new StringBuilder(32);
                digits(text, utc.getYear(), 4).append('-');
                digits(text, utc.getMonthValue(), 2).append('-');
                digits(text, utc.getDayOfMonth(), 2).append(' ');
                digits(text, utc.getHour(), 2).append(':');
                digits(text, utc.getMinute(), 2).append(':');
                digits(text, utc.getSecond(), 2).append('.');
                return digits(text, utc.getNano() / 1_000_000, 3).append(" +0000 UTC").toString();
            }
        }
        return FullTime.FORMAT.format(time.atZone(ZoneId.systemDefault()));
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < width; i++) text.append('0');
        return text.append(number);
    }

    /** A size in binary units without a space: {@code 512B}, {@code 1.5KiB}, {@code 12MiB}. */
    public static String bytes(long size) {
        if (size < 1024) return size + "B";
        if (size < EXACT_SIZES) return exactBytes(size);
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
        if (number.endsWith(".0")) number = number.substring(0, number.length() - 2);
        return number + units[unit];
    }

    /**
     * {@link #bytes} by integer arithmetic, for {@code 1024 <= size < 2^50}: the same digits as the formatter's
     * {@code %.1f} and {@code %.0f} (which round half up), without building a formatter per row of a listing. The
     * quotient {@code size / 1024^n} is exact in a double there, and no decimal tie is closer to it than a double's
     * precision, so rounding its exact value half up gives what the formatter gives.
     */
    private static String exactBytes(long size) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (unit < units.length - 1 && size >= 1L << (10 * (unit + 2))) unit++;
        int shift = 10 * (unit + 1);
        long half = 1L << (shift - 1);
        if (size < 10L << shift) {
            long tenths = (size * 10 + half) >> shift;
            return (tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10) + units[unit];
        }
        return ((size + half) >> shift) + units[unit];
    }
}
