package dev.rocket.stage1.isolation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyscallGroupsTest {

    @Test
    void blacklistsHoldTheHostWideSyscalls() throws Exception {
        for (String group : List.of(SyscallGroups.RKT_DEFAULT_BLACKLIST, SyscallGroups.DOCKER_DEFAULT_BLACKLIST)) {
            assertTrue(SyscallGroups.group(group).containsAll(List.of("reboot", "mount", "umount2", "kexec_load",
                    "init_module", "ptrace", "setns", "unshare", "swapon", "clock_settime")), group);
        }
    }

    @Test
    void dockerWhitelistAndBlacklistDoNotOverlap() throws Exception {
        SortedSet<String> both = new TreeSet<>(SyscallGroups.group(SyscallGroups.DOCKER_DEFAULT_WHITELIST));
        both.retainAll(SyscallGroups.group(SyscallGroups.DOCKER_DEFAULT_BLACKLIST));
        assertEquals(new TreeSet<>(), both);
        assertTrue(SyscallGroups.group(SyscallGroups.DOCKER_DEFAULT_WHITELIST).size() > 250);
    }

    @Test
    void theRuntimesMinimumIsPartOfTheDockerWhitelistAndNoneOfItIsBlacklisted() throws Exception {
        assertTrue(SyscallGroups.group(SyscallGroups.DOCKER_DEFAULT_WHITELIST).containsAll(SyscallGroups.runtimeMinimum()));
        SortedSet<String> blocked = new TreeSet<>(SyscallGroups.runtimeMinimum());
        blocked.retainAll(SyscallGroups.group(SyscallGroups.RKT_DEFAULT_BLACKLIST));
        assertEquals(new TreeSet<>(), blocked);
    }

    @Test
    void everyEntryIsASyscallName() throws Exception {
        for (String group : SyscallGroups.wildcards()) {
            for (String name : SyscallGroups.group(group)) assertTrue(name.matches("[a-z_][a-z0-9_]*"), group + ": " + name);
        }
    }

    @Test
    void rktsWhitelistOfTheSeccompGuideIsKnown() throws Exception {
        assertEquals(SyscallGroups.group(SyscallGroups.DOCKER_DEFAULT_WHITELIST),
                SyscallGroups.group(SyscallGroups.RKT_DEFAULT_WHITELIST));
    }
}
