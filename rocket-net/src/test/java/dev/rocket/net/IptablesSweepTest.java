package dev.rocket.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IptablesSweepTest {

    private static final String SAVED = """
            *filter
            :INPUT ACCEPT [0:0]
            COMMIT
            *nat
            :POSTROUTING ACCEPT [0:0]
            :CNI-aaa - [0:0]
            :CNI-bbb - [0:0]
            :CNI-HOSTPORT-DNAT - [0:0]
            :CNI-DN-ccc - [0:0]
            -A POSTROUTING -s 172.16.28.2/32 -m comment --comment "name: \\"default\\" id: \\"pod-1\\"" -j CNI-aaa
            -A POSTROUTING -s 172.16.28.3/32 -m comment --comment "name: \\"default\\" id: \\"pod-2\\"" -j CNI-bbb
            -A CNI-aaa -d 172.16.28.0/24 -m comment --comment "name: \\"default\\" id: \\"pod-1\\"" -j ACCEPT
            -A CNI-bbb -d 172.16.28.0/24 -m comment --comment "name: \\"default\\" id: \\"pod-2\\"" -j ACCEPT
            -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"default\\" id: \\"pod-1\\"" -j CNI-DN-ccc
            -A CNI-DN-ccc -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.16.28.2:80
            COMMIT
            """;

    @Test
    void deletesOnlyThePodsRulesAndTheChainsOnlyTheyUsed() {
        List<String> scripts = IptablesSweep.restoreScripts(SAVED, "id: \\\"pod-1\\\"");
        assertEquals(List.of("""
                *nat
                -D POSTROUTING -s 172.16.28.2/32 -m comment --comment "name: \\"default\\" id: \\"pod-1\\"" -j CNI-aaa
                -D CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"default\\" id: \\"pod-1\\"" -j CNI-DN-ccc
                -F CNI-aaa
                -F CNI-DN-ccc
                -X CNI-aaa
                -X CNI-DN-ccc
                COMMIT
                """), scripts);
        assertEquals(List.of(), IptablesSweep.restoreScripts(SAVED, "id: \\\"pod-9\\\""));
    }
}
