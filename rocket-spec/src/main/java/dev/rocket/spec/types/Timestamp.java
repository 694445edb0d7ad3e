package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamp (types.md): an RFC 3339 {@code date-time} with the {@code T} between date and time, such as
 * {@code 2014-10-27T19:32:27.67021798Z}. The number of fraction digits is kept, so that the text written out
 * has the precision that was read.
 *
 * @param dateTime       the instant and its offset
 * @param fractionDigits how many digits of the second's fraction to write, 0 to 9
 */
public record Timestamp(OffsetDateTime dateTime, int fractionDigits) implements Comparable<Timestamp> {

    private static final Pattern FORM = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?([Zz]|[+-]\\d{2}:\\d{2})$");

    public Timestamp {
        if (dateTime == null) throw new IllegalArgumentException("timestamp must be given");
        if (fractionDigits < 0 || fractionDigits > 9) throw new IllegalArgumentException("0 to 9 fraction digits");
        int unit = (int) Math.pow(10, 9 - fractionDigits);
        if (dateTime.getNano() % unit != 0) {
            throw new IllegalArgumentException(fractionDigits + " fraction digits cannot hold " + dateTime);
        }
    }

    /** The instant, with as many fraction digits as its nanoseconds need (none, 3, 6 or 9). */
    public static Timestamp of(OffsetDateTime dateTime) {
        int nanos = dateTime.getNano();
        int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        return new Timestamp(dateTime, digits);
    }

    public static Timestamp parse(String text) throws SpecException {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new SpecException("timestamp", text,
                    "a timestamp must be an RFC 3339 date-time such as 2015-05-18T13:49:28.351729952-04:00");
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        if (fraction.length() > 9) {
            throw new SpecException("timestamp", text, "a timestamp can have at most 9 fraction digits (nanoseconds)");
        }
        try {
            String zone = m.group(8);
            ZoneOffset offset = zone.equalsIgnoreCase("z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            OffsetDateTime dateTime = OffsetDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos, offset);
            return new Timestamp(dateTime, fraction.length());
        } catch (DateTimeException e) {
            throw new SpecException("timestamp", text, "not a real date and time: " + e.getMessage());
        }
    }

    @Override
    public int compareTo(Timestamp other) {
        return dateTime.toInstant().compareTo(other.dateTime.toInstant());
    }

    @Override
    public String toString() {
        OffsetDateTime t = dateTime;
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (fractionDigits > 0) {
            text.append('.').append(String.format("%09d", t.getNano()), 0, fractionDigits);
        }
        text.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
        return text.toString();
    }
}
