package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.assertViolation;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static dev.rocket.spec.isolator.IsolatorJson.parse;
import static dev.rocket.spec.isolator.IsolatorJson.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** no-new-privileges, selinux-context and apparmor-profile. */
class LinuxIsolatorsTest {

    @Test
    void readsNoNewPrivileges() throws SpecException {
        assertTrue(parse(NoNewPrivilegesIsolator.class, "os/linux/no-new-privileges", "true").enabled());
        assertFalse(parse(NoNewPrivilegesIsolator.class, "os/linux/no-new-privileges", "false").enabled());
        assertEquals(json("true"), new NoNewPrivilegesIsolator(true).value());
        assertRoundTrip(new NoNewPrivilegesIsolator(true));
        assertRoundTrip(new NoNewPrivilegesIsolator(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'true'", "1", "{'enabled': true}", "null"})
    void noNewPrivilegesMustBeABoolean(String value) {
        SpecException e = refused("os/linux/no-new-privileges", value);
        assertOnlyViolation(e, "$.value", json(value).toString(), "JSON boolean");
    }

    @Test
    void readsTheSelinuxExample() throws SpecException {
        SelinuxContextIsolator selinux = parse(SelinuxContextIsolator.class, "os/linux/selinux-context",
                "{'user': 'system_u', 'role': 'system_r', 'type': 'dhcpc_t', 'level': 's0'}");
        assertEquals("system_u:system_r:dhcpc_t:s0", selinux.label());
        assertRoundTrip(selinux);
        assertRoundTrip(new SelinuxContextIsolator("system_u", "system_r", "svirt_lxc_net_t", "s0:c1,c2"));
    }

    @Test
    void selinuxNeedsAllFourParts() {
        SpecException e = refused("os/linux/selinux-context", "{'user': 'system_u', 'type': '', 'level': 's0'}");
        assertEquals(2, e.violations().size(), e::getMessage);
        assertViolation(e.violations().get(0), "$.value.role", null, "required");
        assertViolation(e.violations().get(1), "$.value.type", "", "must not be empty");
    }

    @Test
    void selinuxPartsCannotSmuggleSeparators() {
        SpecException e = refused("os/linux/selinux-context",
                "{'user': 'system_u:x', 'role': 'system r', 'type': 'dhcpc_t', 'level': 's0:c1'}");
        assertEquals(2, e.violations().size(), e::getMessage);
        assertViolation(e.violations().get(0), "$.value.user", "system_u:x", "cannot contain ':'");
        assertViolation(e.violations().get(1), "$.value.role", "system r", "spaces");
        assertThrows(IllegalArgumentException.class, () -> new SelinuxContextIsolator("u", "r", "t", ""));
    }

    @Test
    void readsTheApparmorExample() throws SpecException {
        ApparmorProfileIsolator apparmor = parse(ApparmorProfileIsolator.class, "os/linux/apparmor-profile",
                "{'profile': 'rkt-default'}");
        assertEquals("rkt-default", apparmor.profile());
        assertRoundTrip(apparmor);
        assertRoundTrip(new ApparmorProfileIsolator("/usr/bin/my app"));
    }

    @Test
    void apparmorNeedsAProfileName() {
        assertOnlyViolation(refused("os/linux/apparmor-profile", "{}"), "$.value.profile", null, "required");
        assertOnlyViolation(refused("os/linux/apparmor-profile", "{'profile': ''}"), "$.value.profile", "",
                "must not be empty");
        assertOnlyViolation(refused("os/linux/apparmor-profile", "{'profile': 'a\\nb'}"), "$.value.profile", "a\nb",
                "control characters");
        assertOnlyViolation(refused("os/linux/apparmor-profile", "'rkt-default'"), "$.value", "\"rkt-default\"",
                "JSON object such as {\"profile\": ...}");
    }
}
