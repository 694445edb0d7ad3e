package dev.rocket.stage1.oci;

import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.ApparmorProfileIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.SelinuxContextIsolator;
import dev.rocket.spec.types.AcName;
import dev.rocket.stage1.isolation.IsolatorReport;
import dev.rocket.stage1.isolation.IsolatorReport.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityLabelPolicyTest {

    private static final SecurityModules APPARMOR_HOST =
            new SecurityModules(Optional.of(Set.of("rocket-default", "docker-default")), false);
    private final IsolatorReport.Builder report = new IsolatorReport.Builder("web");

    private OciConfig.SecurityLabels decide(List<Isolator> app, List<Isolator> pod, SecurityModules host)
            throws RocketException {
        return SecurityLabelPolicy.decide(new AcName("web"), app, pod, host, false, report);
    }

    @Test
    void loadedAppArmorProfileIsApplied() throws Exception {
        OciConfig.SecurityLabels labels = decide(List.of(new ApparmorProfileIsolator("rocket-default")), List.of(),
                APPARMOR_HOST);
        assertEquals(Optional.of("rocket-default"), labels.apparmorProfile());
        assertEquals(Outcome.ENFORCED, report.build().entries().getFirst().outcome());
    }

    @Test
    void theAppsProfileOverridesThePods() throws Exception {
        OciConfig.SecurityLabels labels = decide(List.of(new ApparmorProfileIsolator("rocket-default")),
                List.of(new ApparmorProfileIsolator("docker-default")), APPARMOR_HOST);
        assertEquals(Optional.of("rocket-default"), labels.apparmorProfile());
        assertEquals(Optional.of("docker-default"),
                decide(List.of(), List.of(new ApparmorProfileIsolator("docker-default")), APPARMOR_HOST).apparmorProfile());
    }

    @Test
    void aProfileTheHostHasNotLoadedRefusesTheApp() {
        RocketException e = assertThrows(RocketException.class,
                () -> decide(List.of(new ApparmorProfileIsolator("missing")), List.of(), APPARMOR_HOST));
        assertEquals(RocketException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("\"missing\"") && e.getMessage().contains("apparmor_parser"), e.getMessage());
    }

    @Test
    void withoutTheModuleTheIsolatorIsIgnoredAndReported() throws Exception {
        OciConfig.SecurityLabels labels = decide(List.of(new ApparmorProfileIsolator("any"),
                new SelinuxContextIsolator("system_u", "system_r", "dhcpc_t", "s0")), List.of(), SecurityModules.none());
        assertEquals(OciConfig.SecurityLabels.NONE, labels);
        assertEquals(List.of(Outcome.IGNORED, Outcome.IGNORED),
                report.build().entries().stream().map(IsolatorReport.Entry::outcome).toList());
    }

    @Test
    void selinuxContextBecomesTheProcessLabel() throws Exception {
        OciConfig.SecurityLabels labels = decide(List.of(new SelinuxContextIsolator("system_u", "system_r", "dhcpc_t", "s0")),
                List.of(), new SecurityModules(Optional.empty(), true));
        assertEquals(Optional.of("system_u:system_r:dhcpc_t:s0"), labels.selinuxLabel());
    }

    @Test
    void profilesAreReadFromSecurityfsLines() {
        assertEquals(Set.of("docker-default", "/usr/sbin/cupsd//third_party"), SecurityModules.parseProfiles(
                "docker-default (enforce)\n/usr/sbin/cupsd//third_party (complain)\n"));
    }
}
