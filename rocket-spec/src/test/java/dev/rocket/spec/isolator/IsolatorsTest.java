package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.assertViolation;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsolatorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "resource/cpu | {'request': '250m', 'limit': '500m'} | CpuIsolator",
            "resource/memory | {'request': '1G', 'limit': '2G'} | MemoryIsolator",
            "resource/block-bandwidth | {'default': true, 'limit': '2M'} | BlockBandwidthIsolator",
            "resource/block-iops | {'default': true, 'limit': '1500'} | BlockIopsIsolator",
            "resource/network-bandwidth | {'default': true, 'limit': '1G'} | NetworkBandwidthIsolator",
            "os/linux/capabilities-retain-set | {'set': ['CAP_NET_ADMIN']} | CapabilitiesRetainSetIsolator",
            "os/linux/capabilities-remove-set | {'set': ['CAP_MKNOD']} | CapabilitiesRemoveSetIsolator",
            "os/linux/seccomp-retain-set | {'set': ['read']} | SeccompRetainSetIsolator",
            "os/linux/seccomp-remove-set | {'set': ['reboot'], 'errno': 'EPERM'} | SeccompRemoveSetIsolator",
            "os/linux/no-new-privileges | true | NoNewPrivilegesIsolator",
            "os/linux/selinux-context | {'user': 'u', 'role': 'r', 'type': 't', 'level': 's0'} | SelinuxContextIsolator",
            "os/linux/apparmor-profile | {'profile': 'rkt-default'} | ApparmorProfileIsolator",
            "os/unix/sysctl | {'net.ipv4.tcp_fin_timeout': '6'} | SysctlIsolator",
            "example.com/strict-mode | {'any': ['json', 1]} | UnknownIsolator",
    })
    void parsesEveryKnownNameIntoItsRecordAndRoundTrips(String name, String value, String type) throws SpecException {
        Isolator isolator = Isolators.parse(new AcIdentifier(name), json(value));
        assertEquals(type, isolator.getClass().getSimpleName());
        assertEquals(name, isolator.name().value());
        assertEquals(json(value), isolator.value());
        assertRoundTrip(isolator);
    }

    @Test
    void everyRecordNamesItsIsolator() {
        assertEquals("resource/memory", MemoryIsolator.NAME);
        assertEquals(CpuIsolator.NAME, CpuIsolator.of("1").name().value());
        assertEquals(SysctlIsolator.NAME, new SysctlIsolator(Map.of()).name().value());
    }

    @Test
    void keepsUnknownIsolatorsVerbatimAndImmutable() throws SpecException {
        JsonNode value = json("{'level': 3}");
        Isolator unknown = Isolators.parse(new AcIdentifier("os/linux/future-thing"), value);
        UnknownIsolator kept = assertInstanceOf(UnknownIsolator.class, unknown);
        ((ObjectNode) value).put("level", 4);
        ((ObjectNode) kept.value()).put("level", 5);
        assertEquals(json("{'level': 3}"), kept.value());
        assertEquals(json("null"), new UnknownIsolator(new AcIdentifier("x"), null).value());
    }

    @Test
    void anIsolatorNeedsAValue() {
        SpecException e = assertThrows(SpecException.class,
                () -> Isolators.parse(new AcIdentifier("resource/memory"), null));
        assertOnlyViolation(e, "$.value", null, "must have a value");
    }

    @Test
    void pathsCanBePutUnderTheIsolatorsPlaceInAManifest() {
        SpecException e = assertThrows(SpecException.class,
                () -> Isolators.parse(new AcIdentifier("resource/memory"), json("{'limit': '1 G'}")));
        assertOnlyViolation(e.under("$.app.isolators[1]"), "$.app.isolators[1].value.limit", "1 G", "quantity");
    }

    @Test
    void readsTheIsolatorsOfTheSpecExampleImageWithItsMisspelledErrno() throws SpecException {
        JsonNode isolators = json("""
                [{'name': 'resource/cpu', 'value': {'limit': '20m'}},
                 {'name': 'resource/memory', 'value': {'limit': '1G'}},
                 {'name': 'os/linux/capabilities-retain-set', 'value': {'set': ['CAP_NET_ADMIN', 'CAP_NET_BIND_SERVICE']}},
                 {'name': 'os/linux/no-new-privileges', 'value': true},
                 {'name': 'os/linux/seccomp-remove-set',
                  'value': {'errno': 'EACCESS', 'set': ['clock_settime', 'clock_adjtime', 'reboot']}}]""");
        for (int i = 0; i < 5; i++) {
            JsonNode isolator = isolators.get(i);
            assertRoundTrip(Isolators.parse(new AcIdentifier(isolator.get("name").textValue()), isolator.get("value")));
        }
        // examples/image.json writes EACCESS for EACCES; it is read as the errno it means.
        SeccompRemoveSetIsolator seccomp = (SeccompRemoveSetIsolator) Isolators.parse(
                new AcIdentifier("os/linux/seccomp-remove-set"), isolators.get(4).get("value"));
        assertEquals(java.util.Optional.of(Errno.EACCES), seccomp.errno());
    }

    @Test
    void aValidListBreaksNoCombinationRule() {
        assertEquals(List.of(), Isolators.checkCombination(List.of(
                CpuIsolator.of("1"), CpuIsolator.of("2"), MemoryIsolator.of("1G"),
                CapabilitiesRetainSetIsolator.of(Capability.CAP_NET_ADMIN),
                CapabilitiesRetainSetIsolator.of(Capability.CAP_NET_RAW),
                SeccompRetainSetIsolator.of("read"), new NoNewPrivilegesIsolator(true),
                new NoNewPrivilegesIsolator(false), new ApparmorProfileIsolator("p"),
                new SelinuxContextIsolator("u", "r", "t", "s0"), new SysctlIsolator(Map.of()))));
        assertEquals(List.of(), Isolators.checkCombination(List.of()));
    }

    @Test
    void seccompRetainAndRemoveSetsExcludeEachOther() {
        List<Violation> violations = Isolators.checkCombination(List.of(
                MemoryIsolator.of("1G"), SeccompRemoveSetIsolator.of("reboot"), SeccompRetainSetIsolator.of("read")));
        assertEquals(1, violations.size(), violations::toString);
        assertViolation(violations.getFirst(), "$[2]", "os/linux/seccomp-retain-set",
                "cannot be used together with os/linux/seccomp-remove-set ($[1])");
    }

    @Test
    void capabilityRetainAndRemoveSetsExcludeEachOther() {
        List<Violation> violations = Isolators.checkCombination(List.of(
                CapabilitiesRetainSetIsolator.of(Capability.CAP_NET_ADMIN),
                CapabilitiesRemoveSetIsolator.of(Capability.CAP_MKNOD),
                CapabilitiesRemoveSetIsolator.of(Capability.CAP_KILL)));
        assertEquals(1, violations.size(), violations::toString);
        assertViolation(violations.getFirst(), "$[1]", "os/linux/capabilities-remove-set",
                "cannot be used together with os/linux/capabilities-retain-set ($[0])");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "os/linux/seccomp-retain-set | {'set': ['read']}",
            "os/linux/seccomp-remove-set | {'set': ['reboot']}",
            "os/linux/selinux-context | {'user': 'u', 'role': 'r', 'type': 't', 'level': 's0'}",
            "os/linux/apparmor-profile | {'profile': 'rkt-default'}",
            "os/unix/sysctl | {'net.ipv4.tcp_fin_timeout': '6'}",
    })
    void singleIsolatorsMayAppearOnlyOnce(String name, String value) throws SpecException {
        Isolator isolator = Isolators.parse(new AcIdentifier(name), json(value));
        List<Violation> violations = Isolators.checkCombination(List.of(isolator, CpuIsolator.of("1"), isolator, isolator));
        assertEquals(2, violations.size(), violations::toString);
        assertViolation(violations.get(0), "$[2]", name, "only one " + name + " isolator may be given");
        assertViolation(violations.get(1), "$[3]", name, "the first is $[0]");
    }

    @Test
    void rulesFollowTheNameEvenForUnknownIsolatorRecords() {
        Isolator lookalike = new UnknownIsolator(new AcIdentifier(SysctlIsolator.NAME), json("{}"));
        List<Violation> violations = Isolators.checkCombination(List.of(new SysctlIsolator(Map.of()), lookalike));
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("$[1]", violations.getFirst().path());
    }
}
