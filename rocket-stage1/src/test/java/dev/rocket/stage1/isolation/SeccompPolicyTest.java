package dev.rocket.stage1.isolation;

import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.Errno;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
import dev.rocket.spec.isolator.SeccompRetainSetIsolator;
import dev.rocket.spec.isolator.SyscallName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeccompPolicyTest {

    private final IsolatorReport.Builder report = new IsolatorReport.Builder("web");

    private Optional<SeccompProfile> decide(Isolator... app) throws RocketException {
        return SeccompPolicy.decide(List.of(app), List.of(), Optional.empty(), report);
    }

    private static Set<SyscallName> set(String... names) {
        Set<SyscallName> set = new LinkedHashSet<>();
        for (String name : names) set.add(new SyscallName(name));
        return set;
    }

    @Test
    void withoutAnIsolatorTheDefaultBlacklistAnswersEperm() throws Exception {
        SeccompProfile profile = decide().orElseThrow();
        assertEquals(SeccompProfile.Action.ALLOW, profile.defaultAction());
        assertEquals(SeccompProfile.Action.ERRNO, profile.listedAction());
        assertEquals(Optional.of(Errno.EPERM), profile.errno());
        assertEquals(SyscallGroups.group(SyscallGroups.RKT_DEFAULT_BLACKLIST), profile.syscalls());
        assertEquals("seccomp", report.build().entries().getFirst().isolator());
        assertEquals(IsolatorReport.Outcome.ENFORCED, report.build().entries().getFirst().outcome());
    }

    @Test
    void removeSetBlocksItsSyscallsAndTheDefaultBlacklistWithItsErrno() throws Exception {
        SeccompProfile profile = decide(new SeccompRemoveSetIsolator(set("sethostname", "socket"),
                Optional.of(Errno.EROFS))).orElseThrow();
        assertTrue(profile.syscalls().containsAll(List.of("sethostname", "socket", "reboot", "mount")));
        assertEquals(Optional.of(Errno.EROFS), profile.errno());
        assertEquals(IsolatorReport.Outcome.MODIFIED, report.build().entries().getFirst().outcome());
    }

    @Test
    void removeSetWithoutErrnoKillsWithSigsys() throws Exception {
        SeccompProfile profile = decide(new SeccompRemoveSetIsolator(set("@rkt/default-blacklist"), Optional.empty()))
                .orElseThrow();
        assertEquals(SeccompProfile.Action.KILL_PROCESS, profile.listedAction());
        assertEquals(IsolatorReport.Outcome.ENFORCED, report.build().entries().getFirst().outcome());
    }

    @Test
    void emptyInARemoveSetMasksTheOthersLeavingTheDefaultBlacklist() throws Exception {
        SeccompProfile profile = decide(new SeccompRemoveSetIsolator(set("@appc.io/empty", "socket"), Optional.empty()))
                .orElseThrow();
        assertEquals(SyscallGroups.group(SyscallGroups.RKT_DEFAULT_BLACKLIST), profile.syscalls());
    }

    @Test
    void retainSetAllowsItsSyscallsAndTheRuntimesMinimumOnly() throws Exception {
        SeccompProfile profile = decide(new SeccompRetainSetIsolator(set("@docker/default-whitelist", "umount2"),
                Optional.of(Errno.ENOSYS))).orElseThrow();
        assertEquals(SeccompProfile.Action.ERRNO, profile.defaultAction());
        assertEquals(SeccompProfile.Action.ALLOW, profile.listedAction());
        assertTrue(profile.syscalls().contains("umount2"));
        assertTrue(profile.syscalls().containsAll(SyscallGroups.runtimeMinimum()));
        assertFalse(profile.syscalls().contains("reboot"));
    }

    @Test
    void aSmallRetainSetIsReportedAsModifiedByTheRuntimesMinimum() throws Exception {
        SeccompProfile profile = decide(new SeccompRetainSetIsolator(set("getpid"), Optional.empty())).orElseThrow();
        assertEquals(SeccompProfile.Action.KILL_PROCESS, profile.defaultAction());
        IsolatorReport.Entry entry = report.build().entries().getFirst();
        assertEquals(IsolatorReport.Outcome.MODIFIED, entry.outcome());
        assertTrue(entry.detail().contains("execve"), entry.detail());
    }

    @Test
    void retainingAllMeansNoFilter() throws Exception {
        assertEquals(Optional.empty(), decide(new SeccompRetainSetIsolator(set("@appc.io/all"), Optional.empty())));
        assertEquals(IsolatorReport.Outcome.ENFORCED, report.build().entries().getFirst().outcome());
    }

    @Test
    void insecureOptionIgnoresTheIsolator() throws Exception {
        Optional<SeccompProfile> none = SeccompPolicy.decide(List.of(SeccompRemoveSetIsolator.of("socket")), List.of(),
                Optional.of("--insecure-options=seccomp"), report);
        assertEquals(Optional.empty(), none);
        IsolatorReport.Entry entry = report.build().entries().getFirst();
        assertEquals(IsolatorReport.Outcome.IGNORED, entry.outcome());
        assertEquals(SeccompRemoveSetIsolator.NAME, entry.isolator());
        assertTrue(entry.detail().contains("--insecure-options=seccomp"));
    }

    @Test
    void aPodsSeccompIsolatorIsIgnoredAndTheAppGetsTheDefault() throws Exception {
        Optional<SeccompProfile> profile = SeccompPolicy.decide(List.of(), List.of(SeccompRemoveSetIsolator.of("socket")),
                Optional.empty(), report);
        assertFalse(profile.orElseThrow().syscalls().contains("socket"));
        assertEquals(IsolatorReport.Outcome.IGNORED, report.build().entries().getFirst().outcome());
    }

    @Test
    void unknownWildcardIsRefusedNamingTheKnownOnes() {
        RocketException e = assertThrows(RocketException.class,
                () -> decide(new SeccompRemoveSetIsolator(set("@rkt/nope"), Optional.empty())));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("@docker/default-whitelist"), e.getMessage());
    }
}
