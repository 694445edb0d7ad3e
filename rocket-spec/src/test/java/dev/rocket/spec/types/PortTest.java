package dev.rocket.spec.types;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortTest {

    @Test
    void aRangeEndsAtPortPlusCountMinusOne() {
        assertEquals(20999, new Port(new AcName("ftp-data"), "tcp", 20000, 1000, false).lastPort());
        assertEquals(65535, new Port(new AcName("top"), "udp", 65535, 1, false).lastPort());
    }

    @Test
    void rejectsNumbersOutOfRange() {
        assertTrue(Port.problems("tcp", 0, 1).getFirst().rule().contains("from 1 to 65535"));
        assertTrue(Port.problems("tcp", 65535, 2).getFirst().rule().contains("ends above 65535"));
        assertEquals("$.count", Port.problems("tcp", 80, 0).getFirst().path());
        assertEquals("$.protocol", Port.problems("", 80, 1).getFirst().path());
        assertThrows(IllegalArgumentException.class, () -> Port.of("p", "tcp", 70000));
    }

    @Test
    void anExposedPortTakesOnlyDottedQuadAddresses() throws SpecException {
        assertEquals("203.0.113.23", ExposedPort.parseHostIp("203.0.113.23").getHostAddress());
        for (String bad : new String[]{"256.1.1.1", "::1", "localhost", "1.2.3", "01.2.3.4"}) {
            assertThrows(SpecException.class, () -> ExposedPort.parseHostIp(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ExposedPort(new AcName("p"), 0, Optional.empty(), Optional.empty()));
    }
}
