package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.Quantity.Scale.MILLI;
import static dev.rocket.spec.isolator.Quantity.Scale.WHOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0, 0",
            "1, 1",
            "128974848, 128974848",
            "125952Ki, 128974848",
            "123Mi, 128974848",
            "1Ki, 1024",
            "1Mi, 1048576",
            "1Gi, 1073741824",
            "1Ti, 1099511627776",
            "1Pi, 1125899906842624",
            "1Ei, 1152921504606846976",
            "1k, 1000",
            "1K, 1000",
            "1M, 1000000",
            "1G, 1000000000",
            "2G, 2000000000",
            "1T, 1000000000000",
            "1P, 1000000000000000",
            "1E, 1000000000000000000",
            "0.5Gi, 536870912",
            "1.5Gi, 1610612736",
            ".5Ki, 512",
            "2.5k, 2500",
            "2000m, 2",
            "007, 7",
            "9223372036854775807, 9223372036854775807",
    })
    void readsBytes(String text, long bytes) throws SpecException {
        assertEquals(Quantity.ofWhole(bytes), Quantity.parse(text, WHOLE));
    }

    @ParameterizedTest(name = "{0} cpu = {1} millicores")
    @CsvSource({
            "500m, 500",
            "250m, 250",
            "20m, 20",
            "1, 1000",
            "1.5, 1500",
            "0.3, 300",
            "300m, 300",
            "0.001, 1",
            "1000m, 1000",
            "2k, 2000000",
    })
    void readsMillicores(String text, long millicores) throws SpecException {
        assertEquals(Quantity.ofMilli(millicores), Quantity.parse(text, MILLI));
    }

    @Test
    void specExampleSpellingsAreTheSameQuantity() throws SpecException {
        assertEquals(Quantity.parse("128974848", WHOLE), Quantity.parse("125952Ki", WHOLE));
        assertEquals(Quantity.parse("125952Ki", WHOLE), Quantity.parse("123Mi", WHOLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1.2345Ki", "1500m"})
    void refusesFractionsOfABaseUnitNamingTheValue(String text) {
        SpecException e = assertThrows(SpecException.class, () -> Quantity.parse(text, WHOLE));
        assertOnlyViolation(e, "$", text, "whole number of base units");
    }

    @Test
    void refusesFractionsOfAMillicore() {
        SpecException e = assertThrows(SpecException.class, () -> Quantity.parse("0.0005", MILLI));
        assertOnlyViolation(e, "$", "0.0005", "whole number of thousandths");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8Ei", "9223372036854775808", "10E", "99999999999999999999Ki"})
    void refusesBytesBeyondALong(String text) {
        SpecException e = assertThrows(SpecException.class, () -> Quantity.parse(text, WHOLE));
        assertOnlyViolation(e, "$", text, "at most 9223372036854775807");
    }

    @Test
    void refusesMillicoresBeyondALong() throws SpecException {
        assertEquals(Quantity.ofMilli(9_223_372_036_854_775_000L), Quantity.parse("9223372036854775", MILLI));
        SpecException e = assertThrows(SpecException.class, () -> Quantity.parse("9223372036854776", MILLI));
        assertOnlyViolation(e, "$", "9223372036854776", "at most");
        assertThrows(SpecException.class, () -> Quantity.parse("8E", MILLI));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-1Gi", "-0.5"})
    void refusesNegativeValues(String text) {
        SpecException e = assertThrows(SpecException.class, () -> Quantity.parse(text, WHOLE));
        assertOnlyViolation(e, "$", text, "must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1GB", "1gi", "1 Gi", " 1", "1 ", "1.", ".", "1..5", "+1", "1e3", "1Mii",
            "Gi", "0x10", "1,5", "1n", "1u", "١"})
    void refusesMalformedValuesNamingThem(String text) {
        SpecException e = assertThrows(SpecException.class, () -> Quantity.parse(text, WHOLE));
        assertOnlyViolation(e, "$", text, "a quantity must be a non-negative number such as");
    }

    @Test
    void refusesEmptyAndOverlongText() {
        assertOnlyViolation(assertThrows(SpecException.class, () -> Quantity.parse("", WHOLE)),
                "$", "", "must not be empty");
        String longText = "1".repeat(65);
        assertOnlyViolation(assertThrows(SpecException.class, () -> Quantity.parse(longText, WHOLE)),
                "$", longText, "at most 64 characters");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "0, 0",
            "1, 1",
            "1000, 1k",
            "1024, 1Ki",
            "1500, 1500",
            "2000000000, 2G",
            "1073741824, 1Gi",
            "128974848, 123Mi",
            "536870912, 512Mi",
            "2048000, 2048k",
            "9223372036854775807, 9223372036854775807",
            "1152921504606846976, 1Ei",
    })
    void writesBytesInTheShortestExactForm(long bytes, String canonical) throws SpecException {
        Quantity quantity = Quantity.ofWhole(bytes);
        assertEquals(canonical, quantity.toString());
        assertEquals(quantity, Quantity.parse(quantity.toString(), WHOLE));
    }

    @ParameterizedTest(name = "{0} millicores are written {1}")
    @CsvSource({"0, 0", "500, 500m", "1000, 1", "1500, 1500m", "20, 20m", "2000000, 2000"})
    void writesCpuAsCoresOrMillicores(long millicores, String canonical) throws SpecException {
        Quantity quantity = Quantity.ofMilli(millicores);
        assertEquals(canonical, quantity.toString());
        assertEquals(quantity, Quantity.parse(quantity.toString(), MILLI));
    }

    @Test
    void comparesWithinAScaleOnly() {
        assertTrue(Quantity.of("1Gi", WHOLE).compareTo(Quantity.of("1G", WHOLE)) > 0);
        assertEquals(0, Quantity.of("1000m", MILLI).compareTo(Quantity.of("1", MILLI)));
        assertThrows(IllegalArgumentException.class, () -> Quantity.ofWhole(1).compareTo(Quantity.ofMilli(1)));
    }

    @Test
    void trustedConstructionRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Quantity.ofWhole(-1));
        assertThrows(IllegalArgumentException.class, () -> new Quantity(1, null));
        assertThrows(IllegalArgumentException.class, () -> Quantity.of("lots", WHOLE));
    }
}
