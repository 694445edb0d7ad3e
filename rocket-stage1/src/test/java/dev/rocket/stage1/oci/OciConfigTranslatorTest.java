package dev.rocket.stage1.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.CpuIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.NoNewPrivilegesIsolator;
import dev.rocket.spec.isolator.SysctlIsolator;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.spec.types.Exec;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.TestRootfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciConfigTranslatorTest {

    private static final AcName WEB = new AcName("web");
    private static final PodUuid UUID = PodUuid.random();

    @TempDir
    Path dir;
    private Path rootfs;
    private final OciConfigTranslator translator = new OciConfigTranslator(new HostLimits(Map.of("RLIMIT_NOFILE", 20000L)),
            HostCapabilities.all());

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = TestRootfs.create(dir);
    }

    private App app(String user, String group, Isolator... isolators) {
        return new App(Exec.of("/bin/sh", "-c", "true"), List.of(), user, group, List.of(7L), Optional.empty(),
                Environment.NONE, List.of(), List.of(), List.of(isolators), dev.rocket.spec.types.UserMap.NONE,
                dev.rocket.spec.types.UserMap.NONE);
    }

    private AppLaunch launch(App app, Flavor flavor, InsecureOptions insecure, Isolator... podIsolators) {
        return new AppLaunch(WEB, app, false, rootfs, List.of(), List.of(podIsolators), "/rocket/pod/web", flavor, insecure);
    }

    private JsonNode translate(AppLaunch launch) throws RocketException {
        return translator.translate(launch, PodFacts.isolated(UUID, "rocket-" + UUID)).toJsonTree();
    }

    private JsonNode translate(App app) throws RocketException {
        return translate(launch(app, Flavor.DEFAULT, InsecureOptions.none()));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> names(java.util.Set<Capability> set) {
        return set.stream().map(Enum::name).toList();
    }

    @Test
    void environmentHasPathThenTheAppsThenTheVariablesTheAceSets() throws Exception {
        App app = app("0", "0");
        app = new App(app.exec(), List.of(), "0", "0", List.of(), Optional.empty(),
                new Environment(List.of(new EnvironmentVariable("GREETING", "hi"), new EnvironmentVariable("PATH", "/bin"))),
                List.of(), List.of(), List.of(), app.userAnnotations(), app.userLabels());
        AppLaunch launch = launch(app, Flavor.DEFAULT, InsecureOptions.none());
        PodFacts pod = new PodFacts(UUID, "h", NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(),
                NamespaceSource.ofPrivate(), Optional.of(URI.create("http://169.254.169.255:2375")));
        JsonNode json = translator.translate(launch, pod).toJsonTree();
        assertEquals(List.of("PATH=/bin", "GREETING=hi", "AC_APP_NAME=web",
                "AC_METADATA_URL=http://169.254.169.255:2375", "container=rocket"), texts(json.at("/process/env")));
    }

    @Test
    void defaultPathAndNoMetadataUrlWhenNoneIsGiven() throws Exception {
        assertEquals(List.of("PATH=" + OciConfigTranslator.DEFAULT_PATH, "AC_APP_NAME=web", "container=rocket"),
                texts(translate(app("0", "0")).at("/process/env")));
    }

    @Test
    void argsAndCwdComeFromTheApp() throws Exception {
        JsonNode json = translate(app("0", "0"));
        assertEquals(List.of("/bin/sh", "-c", "true"), texts(json.at("/process/args")));
        assertEquals("/", json.at("/process/cwd").asText());
    }

    @Test
    void missingWorkingDirectoryNamesTheAppAndThePath() {
        App base = app("0", "0");
        App app = new App(base.exec(), List.of(), "0", "0", List.of(), Optional.of("/nope"), Environment.NONE,
                List.of(), List.of(), List.of(), base.userAnnotations(), base.userLabels());
        RocketException e = assertThrows(RocketException.class, () -> translate(app));
        assertEquals(RocketException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("/nope") && e.getMessage().contains("web"), e.getMessage());
    }

    @Test
    void userAndGroupByNumber() throws Exception {
        JsonNode json = translate(app("1000", "1001"));
        assertEquals(1000, json.at("/process/user/uid").asLong());
        assertEquals(1001, json.at("/process/user/gid").asLong());
        assertEquals(List.of("7"), texts(json.at("/process/user/additionalGids")));
    }

    @Test
    void userAndGroupByNameFromTheImagesOwnFiles() throws Exception {
        JsonNode json = translate(app(TestRootfs.USER, TestRootfs.GROUP));
        assertEquals(TestRootfs.USER_UID, json.at("/process/user/uid").asLong());
        assertEquals(TestRootfs.GROUP_GID, json.at("/process/user/gid").asLong());
    }

    @Test
    void userAndGroupByPathAreTheFilesOwner() throws Exception {
        Path file = rootfs.resolve("srv/owned");
        Files.writeString(file, "x");
        Files.setAttribute(file, "unix:uid", 777);
        Files.setAttribute(file, "unix:gid", 888);
        JsonNode json = translate(app("/srv/owned", "/srv/owned"));
        assertEquals(777, json.at("/process/user/uid").asLong());
        assertEquals(888, json.at("/process/user/gid").asLong());
    }

    @Test
    void unknownUserNameIsRefusedNamingThePasswdFile() {
        RocketException e = assertThrows(RocketException.class, () -> translate(app("nobody", "0")));
        assertEquals(RocketException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains("/etc/passwd")
                && e.getMessage().contains("web"), e.getMessage());
    }

    @Test
    void rootGetsTheFourteenDefaultCapabilities() throws Exception {
        JsonNode caps = translate(app("0", "0")).at("/process/capabilities");
        List<String> defaults = names(Capability.APPC_DEFAULT_SET);
        for (String set : List.of("bounding", "effective", "permitted", "inheritable")) {
            assertEquals(14, caps.get(set).size(), set);
            assertTrue(texts(caps.get(set)).containsAll(defaults), set);
        }
        assertEquals(0, caps.get("ambient").size());
    }

    @Test
    void nonRootGetsTheSetOnlyAsItsBoundingSet() throws Exception {
        JsonNode caps = translate(app("1000", "1000")).at("/process/capabilities");
        assertEquals(14, caps.get("bounding").size());
        assertEquals(0, caps.get("effective").size());
        assertEquals(0, caps.get("permitted").size());
    }

    @Test
    void retainSetIsTheWholeSetEvenBeyondTheDefaults() throws Exception {
        JsonNode caps = translate(app("0", "0",
                CapabilitiesRetainSetIsolator.of(Capability.CAP_NET_ADMIN, Capability.CAP_CHOWN))).at("/process/capabilities");
        assertEquals(List.of("CAP_CHOWN", "CAP_NET_ADMIN"), texts(caps.get("bounding")));
        assertEquals(List.of("CAP_CHOWN", "CAP_NET_ADMIN"), texts(caps.get("effective")));
    }

    @Test
    void removeSetSubtractsFromTheDefaults() throws Exception {
        JsonNode caps = translate(app("0", "0",
                CapabilitiesRemoveSetIsolator.of(Capability.CAP_NET_RAW))).at("/process/capabilities");
        assertEquals(13, caps.get("bounding").size());
        assertFalse(texts(caps.get("bounding")).contains("CAP_NET_RAW"));
    }

    @Test
    void insecureCapabilitiesGrantsAll() throws Exception {
        JsonNode caps = translate(launch(app("0", "0", CapabilitiesRemoveSetIsolator.of(Capability.CAP_NET_RAW)),
                Flavor.DEFAULT, InsecureOptions.parse(List.of("capabilities")))).at("/process/capabilities");
        assertEquals(Capability.values().length, caps.get("bounding").size());
    }

    @Test
    void noNewPrivilegesFromTheIsolator() throws Exception {
        assertFalse(translate(app("0", "0")).at("/process/noNewPrivileges").asBoolean());
        assertTrue(translate(app("0", "0", new NoNewPrivilegesIsolator(true))).at("/process/noNewPrivileges").asBoolean());
    }

    @Test
    void readOnlyRootFsFromTheRuntimeApp() throws Exception {
        assertFalse(translate(app("0", "0")).at("/root/readonly").asBoolean());
        AppLaunch readOnly = new AppLaunch(WEB, app("0", "0"), true, rootfs, List.of(), List.of(), "/c",
                Flavor.DEFAULT, InsecureOptions.none());
        JsonNode json = translate(readOnly);
        assertTrue(json.at("/root/readonly").asBoolean());
        assertEquals(rootfs.toString(), json.at("/root/path").asText());
    }

    @Test
    void maskedAndReadOnlyPathsUnlessPathsAreInsecure() throws Exception {
        JsonNode json = translate(app("0", "0"));
        assertTrue(texts(json.at("/linux/maskedPaths")).contains("/proc/kcore"));
        assertTrue(texts(json.at("/linux/readonlyPaths")).contains("/proc/sys"));
        JsonNode insecure = translate(launch(app("0", "0"), Flavor.DEFAULT, InsecureOptions.parse(List.of("paths"))));
        assertEquals(0, insecure.at("/linux/maskedPaths").size());
        assertEquals(0, insecure.at("/linux/readonlyPaths").size());
    }

    @Test
    void defaultFlavorJoinsThePodsNamespacesAndOwnsPidAndMount() throws Exception {
        PodFacts pod = new PodFacts(UUID, "pod-host", NamespaceSource.joined(Path.of("/run/netns/pod")),
                NamespaceSource.joined(Path.of("/proc/42/ns/ipc")), NamespaceSource.ofPrivate(), Optional.empty());
        OciConfig config = translator.translate(launch(app("0", "0"), Flavor.DEFAULT, InsecureOptions.none()), pod);
        assertEquals(Optional.of(new OciConfig.Namespace("network", Optional.of(Path.of("/run/netns/pod")))),
                config.linux().namespace("network"));
        assertEquals(Optional.of(Path.of("/proc/42/ns/ipc")), config.linux().namespace("ipc").orElseThrow().path());
        assertEquals(Optional.empty(), config.linux().namespace("pid").orElseThrow().path());
        assertEquals(Optional.empty(), config.linux().namespace("mount").orElseThrow().path());
        assertEquals(Optional.of("pod-host"), config.hostname());
        assertEquals(List.of("/proc/42/ns/ipc", "/run/netns/pod"), config.toJsonTree().at("/linux/namespaces")
                .findValues("path").stream().map(JsonNode::asText).toList());
    }

    @Test
    void flyFlavorSharesEverythingButTheMountNamespace() throws Exception {
        OciConfig config = translator.translate(launch(app("0", "0", MemoryIsolator.of("1G")), Flavor.FLY,
                InsecureOptions.none()), PodFacts.isolated(UUID, "h"));
        assertEquals(List.of("mount"), config.linux().namespaces().stream().map(OciConfig.Namespace::type).toList());
        assertEquals(Optional.empty(), config.hostname());
        assertEquals(OciConfig.Resources.NONE, config.linux().resources());
        assertEquals(Capability.values().length, config.process().capabilities().bounding().size());
    }

    @Test
    void hostnameOnlyWithTheUtsNamespaceNotTheHosts() throws Exception {
        PodFacts pod = new PodFacts(UUID, "h", NamespaceSource.ofPrivate(), NamespaceSource.ofPrivate(),
                NamespaceSource.host(), Optional.empty());
        OciConfig config = translator.translate(launch(app("0", "0"), Flavor.DEFAULT, InsecureOptions.none()), pod);
        assertEquals(Optional.empty(), config.hostname());
        assertTrue(config.linux().namespace("uts").isEmpty());
    }

    @Test
    void memoryAndCpuBecomeCgroupResourcesBoundedByThePod() throws Exception {
        App app = app("0", "0", MemoryIsolator.of("1G"), new CpuIsolator(
                Optional.of(dev.rocket.spec.isolator.Quantity.ofMilli(250)), dev.rocket.spec.isolator.Quantity.ofMilli(1500)));
        JsonNode json = translate(launch(app, Flavor.DEFAULT, InsecureOptions.none(), MemoryIsolator.of("512M")));
        assertEquals(512_000_000L, json.at("/linux/resources/memory/limit").asLong());
        assertEquals(150_000, json.at("/linux/resources/cpu/quota").asLong());
        assertEquals(100_000, json.at("/linux/resources/cpu/period").asLong());
        assertEquals(256, json.at("/linux/resources/cpu/shares").asLong());
        assertEquals("/rocket/pod/web", json.at("/linux/cgroupsPath").asText());
    }

    @Test
    void netSysctlIsPassedAndOthersAreRefused() throws Exception {
        JsonNode json = translate(app("0", "0", new SysctlIsolator(Map.of("net.ipv4.ip_forward", "1"))));
        assertEquals("1", json.at("/linux/sysctl").get("net.ipv4.ip_forward").asText());
        RocketException e = assertThrows(RocketException.class,
                () -> translate(app("0", "0", new SysctlIsolator(Map.of("kernel.shmmax", "1")))));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("kernel.shmmax") && e.getMessage().contains("net.*"), e.getMessage());
    }

    @Test
    void netSysctlIsRefusedOnTheHostsNetwork() {
        assertThrows(RocketException.class, () -> translate(launch(app("0", "0",
                new SysctlIsolator(Map.of("net.ipv4.ip_forward", "1"))), Flavor.FLY, InsecureOptions.none())));
    }

    @Test
    void rlimitsNeverAboveTheHostsHardLimits() throws Exception {
        JsonNode limits = translate(app("0", "0")).at("/process/rlimits");
        assertEquals("RLIMIT_NOFILE", limits.get(0).get("type").asText());
        assertEquals(20000, limits.get(0).get("hard").asLong());
        assertEquals(20000, limits.get(0).get("soft").asLong());
        HostLimits real = HostLimits.read();
        for (OciConfig.Rlimit limit : new OciConfigTranslator(real).translate(launch(app("0", "0"), Flavor.DEFAULT,
                InsecureOptions.none()), PodFacts.isolated(UUID, "h")).process().rlimits()) {
            assertTrue(limit.hard() <= real.hardLimit(limit.type()).orElse(Long.MAX_VALUE), limit.toString());
        }
    }

    @Test
    void volumesAreBindMountedAtTheirTargets() throws Exception {
        AppLaunch withVolumes = new AppLaunch(WEB, app("0", "0"), false, rootfs,
                List.of(new VolumeMount(Path.of("/srv/host"), "/data", true, false)), List.of(), "/c",
                Flavor.DEFAULT, InsecureOptions.none());
        List<OciConfig.Mount> mounts = new ArrayList<>(translator.translate(withVolumes, PodFacts.isolated(UUID, "h")).mounts());
        OciConfig.Mount volume = mounts.getLast();
        assertEquals("/data", volume.destination());
        assertEquals("/srv/host", volume.source());
        assertTrue(volume.options().containsAll(List.of("bind", "ro")), volume.options().toString());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys"),
                mounts.subList(0, 6).stream().map(OciConfig.Mount::destination).toList());
    }

    @Test
    void appWithoutExecIsRefused() {
        App app = App.of(Exec.NONE, "0", "0");
        RocketException e = assertThrows(RocketException.class, () -> translate(app));
        assertTrue(e.getMessage().contains("exec"), e.getMessage());
    }
}
