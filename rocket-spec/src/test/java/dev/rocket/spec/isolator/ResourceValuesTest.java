package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static dev.rocket.spec.isolator.IsolatorJson.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The {@code {"default": true, "limit": ...}} isolators: block bandwidth, block IOPS, network bandwidth. */
class ResourceValuesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "resource/block-bandwidth, 2M, 2000000, BlockBandwidthIsolator",
            "resource/block-iops, 1000, 1000, BlockIopsIsolator",
            "resource/network-bandwidth, 1G, 1000000000, NetworkBandwidthIsolator",
            "resource/network-bandwidth, 10Mi, 10485760, NetworkBandwidthIsolator",
            "resource/block-iops, 0, 0, BlockIopsIsolator",
    })
    void readsTheSpecExamples(String name, String limit, long amount, String type) throws Exception {
        Isolator isolator = IsolatorJson.parse(Isolator.class, name, "{'default': true, 'limit': '" + limit + "'}");
        assertEquals(type, isolator.getClass().getSimpleName());
        assertEquals(json("{'default': true, 'limit': '" + Quantity.ofWhole(amount) + "'}"), isolator.value());
        assertRoundTrip(isolator);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resource/block-bandwidth", "resource/block-iops", "resource/network-bandwidth"})
    void defaultMustBeTrue(String name) {
        assertOnlyViolation(refused(name, "{'default': false, 'limit': '1M'}"), "$.value.default", "false", "must be true");
        assertOnlyViolation(refused(name, "{'limit': '1M'}"), "$.value.default", null, "must be true");
        assertOnlyViolation(refused(name, "{'default': 'true', 'limit': '1M'}"), "$.value.default", "\"true\"",
                "must be true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resource/block-bandwidth", "resource/block-iops", "resource/network-bandwidth"})
    void haveNoRequest(String name) {
        assertOnlyViolation(refused(name, "{'default': true, 'request': '1M', 'limit': '2M'}"),
                "$.value.request", null, "its fields are default, limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resource/block-bandwidth", "resource/block-iops", "resource/network-bandwidth"})
    void refuseMissingOrBadLimits(String name) {
        assertOnlyViolation(refused(name, "{'default': true}"), "$.value.limit", null, "required");
        assertOnlyViolation(refused(name, "{'default': true, 'limit': '0.5'}"), "$.value.limit", "0.5",
                "whole number");
        assertOnlyViolation(refused(name, "{'default': true, 'limit': 'fast'}"), "$.value.limit", "fast",
                "non-negative number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2M", "1000", "1Gi"})
    void trustedFactoriesMatchParsing(String limit) throws SpecException {
        assertEquals(BlockBandwidthIsolator.of(limit), IsolatorJson.parse(BlockBandwidthIsolator.class,
                BlockBandwidthIsolator.NAME, "{'default': true, 'limit': '" + limit + "'}"));
        assertInstanceOf(BlockIopsIsolator.class, BlockIopsIsolator.of(limit));
        assertEquals(NetworkBandwidthIsolator.of(limit).limit(), BlockIopsIsolator.of(limit).limit());
    }
}
