package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.rocket.spec.isolator.IsolatorJson.assertOnlyViolation;
import static dev.rocket.spec.isolator.IsolatorJson.assertRoundTrip;
import static dev.rocket.spec.isolator.IsolatorJson.assertViolation;
import static dev.rocket.spec.isolator.IsolatorJson.json;
import static dev.rocket.spec.isolator.IsolatorJson.parse;
import static dev.rocket.spec.isolator.IsolatorJson.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SysctlIsolatorTest {

    private static final String EXAMPLE = "{'net.ipv4.tcp_mtu_probing': '1', 'net.ipv4.tcp_keepalive_time': '300',"
            + " 'net.ipv4.tcp_keepalive_probes': '5', 'net.ipv4.tcp_keepalive_intvl': '15'}";

    @Test
    void readsTheSpecExampleInOrder() throws SpecException {
        SysctlIsolator sysctl = parse(SysctlIsolator.class, "os/unix/sysctl", EXAMPLE);
        assertEquals("300", sysctl.parameters().get("net.ipv4.tcp_keepalive_time"));
        assertEquals(List.of("net.ipv4.tcp_mtu_probing", "net.ipv4.tcp_keepalive_time",
                "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_keepalive_intvl"), List.copyOf(sysctl.parameters().keySet()));
        assertEquals(json(EXAMPLE), sysctl.value());
        assertRoundTrip(sysctl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel.shm_rmid_forced", "net.ipv4.conf.eth0/100.rp_filter", "net.ipv6.conf.all.disable_ipv6",
            "net.ipv4.conf.br-lan.forwarding", "fs.mqueue.msg_max"})
    void acceptsRealKeys(String key) throws SpecException {
        assertRoundTrip(parse(SysctlIsolator.class, "os/unix/sysctl", "{'" + key + "': '1'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "net..ipv4", ".net.ipv4", "net.ipv4.", "net/ipv4/ip_forward/..", "net.ipv4 .x",
            "net.ipv4.conf./..", "net.*"})
    void refusesMalformedKeysNamingThem(String key) {
        SpecException e = refused("os/unix/sysctl", "{'" + key + "': '1'}");
        String path = key.equals("kernel") ? "$.value.kernel" : "$.value[\"" + key + "\"]";
        assertOnlyViolation(e, path, key, "dot-separated components");
    }

    @Test
    void valuesMustBeStringsWithoutControlCharacters() {
        SpecException e = refused("os/unix/sysctl", "{'net.ipv4.ip_forward': 1, 'net.core.somaxconn': 'a\\nb',"
                + " 'net.ipv4.ip_local_port_range': '32768\\t60999'}");
        assertEquals(2, e.violations().size(), e::getMessage);
        assertViolation(e.violations().get(0), "$.value[\"net.ipv4.ip_forward\"]", "1", "must be a JSON string");
        assertViolation(e.violations().get(1), "$.value[\"net.core.somaxconn\"]", "a\nb", "control characters");
    }

    @Test
    void theValueMustBeAnObject() {
        assertOnlyViolation(refused("os/unix/sysctl", "['net.ipv4.ip_forward=1']"), "$.value",
                "[\"net.ipv4.ip_forward=1\"]", "JSON object");
    }

    @Test
    void isImmutableAndChecksTrustedInput() {
        SysctlIsolator sysctl = new SysctlIsolator(Map.of("net.ipv4.ip_forward", "1"));
        assertThrows(UnsupportedOperationException.class, () -> sysctl.parameters().put("kernel.x", "1"));
        assertThrows(IllegalArgumentException.class, () -> new SysctlIsolator(Map.of("bad", "1")));
    }
}
