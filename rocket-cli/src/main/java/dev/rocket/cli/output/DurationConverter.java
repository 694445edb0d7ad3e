package dev.rocket.cli.output;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rkt's flags take them (Go's syntax): a sequence of numbers with units {@code ns}, {@code us},
 * {@code ms}, {@code s}, {@code m}, {@code h}, e.g. {@code 30m}, {@code 1h30m}, {@code 1.5s}, {@code 0}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        if (text.equals("0")) return Duration.ZERO;
        Matcher matcher = PART.matcher(text);
        long nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double value = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += Math.round(value * unit);
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new TypeConversionException("invalid duration \"" + text + "\" (examples: 30s, 10m, 1h30m)");
        }
        return Duration.ofNanos(nanos);
    }
}
