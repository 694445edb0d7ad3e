package dev.rocket.stage1.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.BlockIopsIsolator;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.Errno;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.Quantity;
import dev.rocket.spec.isolator.SeccompRetainSetIsolator;
import dev.rocket.spec.isolator.SyscallName;
import dev.rocket.spec.isolator.SysctlIsolator;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.UserMap;
import dev.rocket.stage1.TestRootfs;
import dev.rocket.stage1.isolation.IsolatorReport;
import dev.rocket.stage1.isolation.IsolatorReport.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The isolation part of the translation: seccomp, OOM score, the host's capabilities and the isolator report. */
class OciConfigIsolationTest {

    @TempDir
    Path dir;
    private Path rootfs;
    private final OciConfigTranslator translator =
            new OciConfigTranslator(new HostLimits(Map.of()), HostCapabilities.all());

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = TestRootfs.create(dir);
    }

    private static App app(Isolator... isolators) {
        return new App(Exec.of("/bin/sh"), List.of(), "0", "0", List.of(), Optional.empty(), Environment.NONE,
                List.of(), List.of(), List.of(isolators), UserMap.NONE, UserMap.NONE);
    }

    private AppLaunch launch(App app, InsecureOptions insecure, List<Isolator> pod) {
        return new AppLaunch(new AcName("web"), app, false, rootfs, List.of(), pod, "/rocket/web", Flavor.DEFAULT,
                insecure);
    }

    private OciTranslation translate(AppLaunch launch) throws RocketException {
        return translator.translateWithReport(launch, PodFacts.isolated(PodUuid.random(), "h"));
    }

    private static IsolatorReport.Entry entry(IsolatorReport report, String isolator) {
        return report.entries().stream().filter(e -> e.isolator().equals(isolator)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + isolator + " in " + report));
    }

    @Test
    void everyAppGetsTheDefaultSeccompFilterAnsweringEperm() throws Exception {
        JsonNode seccomp = translate(launch(app(), InsecureOptions.none(), List.of())).config().toJsonTree()
                .at("/linux/seccomp");
        assertEquals("SCMP_ACT_ALLOW", seccomp.get("defaultAction").asText());
        assertEquals("SCMP_ACT_ERRNO", seccomp.at("/syscalls/0/action").asText());
        assertEquals(Errno.EPERM.number(), seccomp.at("/syscalls/0/errnoRet").asInt());
        List<String> names = seccomp.at("/syscalls/0/names").valueStream().map(JsonNode::asText).toList();
        assertTrue(names.containsAll(List.of("reboot", "mount", "kexec_load")), names.toString());
        assertEquals("SCMP_ARCH_X86_64", seccomp.at("/architectures/0").asText());
    }

    @Test
    void aRetainSetWithErrnoBecomesTheDefaultErrnoOfTheFilter() throws Exception {
        SeccompRetainSetIsolator retain = new SeccompRetainSetIsolator(
                Set.of(new SyscallName("@docker/default-whitelist")), Optional.of(Errno.ENOSYS));
        JsonNode seccomp = translate(launch(app(retain), InsecureOptions.none(), List.of())).config().toJsonTree()
                .at("/linux/seccomp");
        assertEquals("SCMP_ACT_ERRNO", seccomp.get("defaultAction").asText());
        assertEquals(Errno.ENOSYS.number(), seccomp.get("defaultErrnoRet").asInt());
        assertEquals("SCMP_ACT_ALLOW", seccomp.at("/syscalls/0/action").asText());
        assertFalse(seccomp.at("/syscalls/0").has("errnoRet"));
    }

    @Test
    void insecureSeccompWritesNoFilterAndSaysSo() throws Exception {
        OciTranslation translation = translate(launch(app(), InsecureOptions.parse(List.of("seccomp")), List.of()));
        assertTrue(translation.config().toJsonTree().at("/linux/seccomp").isMissingNode());
        assertEquals(Outcome.IGNORED, entry(translation.report(), "seccomp").outcome());
    }

    @Test
    void oomScoreAdjustmentIsInTheProcessOnlyWhenGiven() throws Exception {
        AppLaunch plain = launch(app(), InsecureOptions.none(), List.of());
        assertFalse(translate(plain).config().toJsonTree().at("/process").has("oomScoreAdj"));
        AppLaunch adjusted = plain.with(false, OptionalInt.of(500), plain.app());
        assertEquals(500, translate(adjusted).config().toJsonTree().at("/process/oomScoreAdj").asInt());
        assertThrows(IllegalArgumentException.class, () -> plain.with(false, OptionalInt.of(1001), plain.app()));
    }

    @Test
    void capabilitiesTheHostLacksAreLeftOutAndReported() throws Exception {
        Set<Capability> host = EnumSet.allOf(Capability.class);
        host.remove(Capability.CAP_SYS_RESOURCE);
        OciConfigTranslator bounded = new OciConfigTranslator(new HostLimits(Map.of()), new HostCapabilities(host));
        OciTranslation translation = bounded.translateWithReport(launch(app(),
                InsecureOptions.parse(List.of("capabilities")), List.of()), PodFacts.isolated(PodUuid.random(), "h"));
        OciConfig.Capabilities caps = translation.config().process().capabilities();
        assertFalse(caps.bounding().contains(Capability.CAP_SYS_RESOURCE));
        assertFalse(caps.effective().contains(Capability.CAP_SYS_RESOURCE));
        assertTrue(caps.bounding().contains(Capability.CAP_SYS_ADMIN));
        assertTrue(translation.report().with(Outcome.MODIFIED).stream()
                .anyMatch(e -> e.detail().contains("CAP_SYS_RESOURCE")), translation.report().toString());
    }

    @Test
    void memoryRequestBelowTheLimitIsTheSoftLimit() throws Exception {
        MemoryIsolator memory = new MemoryIsolator(Optional.of(Quantity.of("32M", Quantity.Scale.WHOLE)),
                Quantity.of("64M", Quantity.Scale.WHOLE));
        JsonNode json = translate(launch(app(memory), InsecureOptions.none(), List.of())).config().toJsonTree();
        assertEquals(64_000_000, json.at("/linux/resources/memory/limit").asLong());
        assertEquals(32_000_000, json.at("/linux/resources/memory/reservation").asLong());
    }

    @Test
    void theReportSaysWhatBecameOfEveryIsolator() throws Exception {
        IsolatorReport report = translate(launch(app(MemoryIsolator.of("1G"),
                new CapabilitiesRetainSetIsolator(Set.of(Capability.CAP_NET_ADMIN)),
                new SysctlIsolator(Map.of("net.ipv4.ip_forward", "1")),
                BlockIopsIsolator.of("1000")),
                InsecureOptions.none(), List.of(MemoryIsolator.of("512M")))).report();
        assertEquals("web", report.app());
        assertEquals(Outcome.ENFORCED, entry(report, CapabilitiesRetainSetIsolator.NAME).outcome());
        assertEquals(Outcome.ENFORCED, entry(report, SysctlIsolator.NAME).outcome());
        assertEquals(Outcome.IGNORED, entry(report, BlockIopsIsolator.NAME).outcome());
        assertEquals(Outcome.ENFORCED, entry(report, "seccomp").outcome());
        List<IsolatorReport.Entry> memory = report.entries().stream()
                .filter(e -> e.isolator().equals(MemoryIsolator.NAME)).toList();
        assertEquals(List.of(Outcome.MODIFIED, Outcome.ENFORCED), memory.stream().map(IsolatorReport.Entry::outcome).toList());
        assertTrue(memory.getFirst().detail().contains("pod's limit"), memory.getFirst().detail());
    }

    @Test
    void withoutCapabilityIsolatorsTheDefaultSetIsReported() throws Exception {
        IsolatorReport report = translate(launch(app(), InsecureOptions.none(), List.of())).report();
        IsolatorReport.Entry caps = entry(report, "capabilities");
        assertEquals(Outcome.ENFORCED, caps.outcome());
        assertTrue(caps.detail().contains("CAP_NET_BIND_SERVICE"), caps.detail());
    }

    @Test
    void commandLineOverridesReachTheConfiguration() throws Exception {
        AppLaunch launch = launch(app(MemoryIsolator.of("1G")), InsecureOptions.none(), List.of())
                .with(new dev.rocket.stage1.isolation.IsolatorOverrides(List.of(MemoryIsolator.of("64M")),
                        OptionalInt.of(300), true));
        JsonNode json = translate(launch).config().toJsonTree();
        assertEquals(64_000_000, json.at("/linux/resources/memory/limit").asLong());
        assertEquals(300, json.at("/process/oomScoreAdj").asInt());
        assertTrue(json.at("/root/readonly").asBoolean());
    }

    @Test
    void theBundleKeepsTheReportBesideTheConfiguration() throws Exception {
        OciTranslation translation = translate(launch(app(), InsecureOptions.none(), List.of()));
        OciBundle bundle = new OciBundle(dir.resolve("bundle")).write(translation);
        assertTrue(java.nio.file.Files.isRegularFile(bundle.configFile()));
        assertEquals(Optional.of(translation.report()), bundle.readReport());
        assertEquals(Optional.empty(), new OciBundle(dir.resolve("other")).readReport());
    }

    @Test
    void blockIsolatorsThrottleEveryHostDeviceWithTheLowestLimit() throws Exception {
        OciConfigTranslator withDisks = new OciConfigTranslator(new HostLimits(Map.of()), HostCapabilities.all(),
                SecurityModules.none(), new BlockDevices(List.of(new BlockDevices.Device(254, 0))));
        OciTranslation translation = withDisks.translateWithReport(launch(app(
                dev.rocket.spec.isolator.BlockBandwidthIsolator.of("10M"), BlockIopsIsolator.of("1000")),
                InsecureOptions.none(), List.of(dev.rocket.spec.isolator.BlockBandwidthIsolator.of("5M"))),
                PodFacts.isolated(PodUuid.random(), "h"));
        JsonNode blockIo = translation.config().toJsonTree().at("/linux/resources/blockIO");
        assertEquals(254, blockIo.at("/throttleReadBpsDevice/0/major").asInt());
        assertEquals(5_000_000, blockIo.at("/throttleWriteBpsDevice/0/rate").asLong());
        assertEquals(1000, blockIo.at("/throttleReadIOPSDevice/0/rate").asLong());
        assertEquals(Outcome.ENFORCED, entry(translation.report(), BlockIopsIsolator.NAME).outcome());
    }
}
