package dev.rocket.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and sizes as rkt's listings show them: "6 days ago", "12MiB", and the long forms of --full. */
public final class Humanize {

    private static final DateTimeFormatter FULL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xx zzz", Locale.ROOT);

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

    /** The long time form of {@code --full} listings, in the host's time zone. */
    public static String fullTime(Instant time) {
        return FULL_TIME.format(time.atZone(ZoneId.systemDefault()));
    }

    /** A size in binary units without a space: {@code 512B}, {@code 1.5KiB}, {@code 12MiB}. */
    public static String bytes(long size) {
        if (size < 1024) return size + "B";
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
}
