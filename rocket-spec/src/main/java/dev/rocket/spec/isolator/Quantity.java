package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource quantity (ace.md "Resource Isolators"): an exact, non-negative whole number of base units.
 * The base unit depends on the resource: bytes for memory and bandwidth, operations for IOPS, and
 * millicores for CPU ({@link Scale#MILLI}).
 *
 * <p>Accepted text: a plain or decimal number ({@code 128974848}, {@code 0.5}, {@code .5}), optionally
 * followed by one suffix: {@code m} (thousandths), decimal {@code k} (or {@code K}), {@code M}, {@code G},
 * {@code T}, {@code P}, {@code E}, or binary {@code Ki}, {@code Mi}, {@code Gi}, {@code Ti}, {@code Pi},
 * {@code Ei}. The value must come to a whole number of base units that fits in a {@code long}.
 *
 * <p>{@link #toString()} is canonical: CPU as whole cores or millicores ({@code 2}, {@code 1500m}); other
 * quantities in their shortest exact form ({@code 1Gi}, {@code 1G}, {@code 1500}).
 *
 * @param amount how many base units; never negative
 * @param scale  whether the base unit is the resource's unit or a thousandth of it
 */
public record Quantity(long amount, Scale scale) implements Comparable<Quantity> {

    /** What one unit of {@link #amount()} stands for. */
    public enum Scale {
        /** The resource's own unit: bytes, bytes per second, operations per second. */
        WHOLE(BigDecimal.ONE),
        /** A thousandth of the resource's unit: millicores for CPU. */
        MILLI(BigDecimal.valueOf(1000));

        private final BigDecimal unitsPerOne;

        Scale(BigDecimal unitsPerOne) {
            this.unitsPerOne = unitsPerOne;
        }
    }

    private static final int MAX_TEXT_LENGTH = 64;
    private static final Pattern FORM =
            Pattern.compile("^([0-9]*\\.?[0-9]+)(m|k|K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
    private static final String SYNTAX = "a quantity must be a non-negative number such as 128974848, 0.5, 500m,"
            + " 2M or 123Mi (suffixes m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)";
    private static final String[] DECIMAL_SUFFIXES = {"k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    public Quantity {
        if (amount < 0) throw new IllegalArgumentException("a quantity must not be negative: " + amount);
        if (scale == null) throw new IllegalArgumentException("a quantity needs a scale");
    }

    /** A quantity of {@code amount} whole base units (bytes, operations). */
    public static Quantity ofWhole(long amount) {
        return new Quantity(amount, Scale.WHOLE);
    }

    /** A quantity of {@code amount} thousandths (millicores). */
    public static Quantity ofMilli(long amount) {
        return new Quantity(amount, Scale.MILLI);
    }

    /** Reads trusted text such as {@code "1Gi"} or {@code "500m"}; invalid text is a programming error. */
    public static Quantity of(String text, Scale scale) {
        try {
            return parse(text, scale);
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses untrusted text. Violations have the path {@code $}; re-root them with
     * {@link SpecException#under}.
     */
    public static Quantity parse(String text, Scale scale) throws SpecException {
        if (text == null || text.isEmpty()) throw new SpecException("$", text, "a quantity must not be empty");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new SpecException("$", text, "a quantity must be at most " + MAX_TEXT_LENGTH + " characters long");
        }
        if (text.startsWith("-")) throw new SpecException("$", text, "a quantity must not be negative");
        Matcher form = FORM.matcher(text);
        if (!form.matches()) throw new SpecException("$", text, SYNTAX);
        BigDecimal units = new BigDecimal(form.group(1))
                .multiply(multiplier(form.group(2)))
                .multiply(scale.unitsPerOne)
                .stripTrailingZeros();
        if (units.scale() > 0) {
            throw new SpecException("$", text, scale == Scale.MILLI
                    ? "a quantity must be a whole number of thousandths (millicores); use at most 3 decimals"
                    : "a quantity must come to a whole number of base units (bytes, operations)");
        }
        if (units.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new SpecException("$", text, "a quantity must be at most " + Long.MAX_VALUE
                    + (scale == Scale.MILLI ? " thousandths" : " base units") + " (about 8Ei)");
        }
        return new Quantity(units.longValueExact(), scale);
    }

    private static BigDecimal multiplier(String suffix) {
        if (suffix == null) return BigDecimal.ONE;
        if (suffix.equals("m")) return BigDecimal.ONE.movePointLeft(3);
        if (suffix.equals("K")) suffix = "k";
        for (int i = 0; i < DECIMAL_SUFFIXES.length; i++) {
            if (DECIMAL_SUFFIXES[i].equals(suffix)) return BigDecimal.ONE.movePointRight(3 * (i + 1));
            if (BINARY_SUFFIXES[i].equals(suffix)) return new BigDecimal(BigInteger.ONE.shiftLeft(10 * (i + 1)));
        }
        throw new IllegalStateException("suffix allowed by the pattern but not known: " + suffix);
    }

    /** Compares quantities of the same scale; comparing bytes with millicores is a programming error. */
    @Override
    public int compareTo(Quantity other) {
        if (scale != other.scale) {
            throw new IllegalArgumentException("cannot compare a " + scale + " quantity with a " + other.scale + " one");
        }
        return Long.compare(amount, other.amount);
    }

    /** The canonical text, which {@link #parse} reads back to an equal quantity. */
    @Override
    public String toString() {
        if (scale == Scale.MILLI) return amount % 1000 == 0 ? Long.toString(amount / 1000) : amount + "m";
        String shortest = Long.toString(amount);
        if (amount == 0) return shortest;
        String binary = withLargestSuffix(BINARY_SUFFIXES, 1024);
        if (binary.length() < shortest.length()) shortest = binary;
        String decimal = withLargestSuffix(DECIMAL_SUFFIXES, 1000);
        if (decimal.length() < shortest.length()) shortest = decimal;
        return shortest;
    }

    private String withLargestSuffix(String[] suffixes, long base) {
        long rest = amount;
        int used = -1;
        while (used + 1 < suffixes.length && rest % base == 0) {
            rest /= base;
            used++;
        }
        return used < 0 ? Long.toString(amount) : rest + suffixes[used];
    }
}
