package dev.rocket.stage1.runtime;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.os.linux.Signal;
import dev.rocket.spec.isolator.BlockBandwidthIsolator;
import dev.rocket.spec.isolator.BlockIopsIsolator;
import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.CpuIsolator;
import dev.rocket.spec.isolator.Errno;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.Quantity;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
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
import dev.rocket.stage1.oci.AppLaunch;
import dev.rocket.stage1.oci.CgroupFiles;
import dev.rocket.stage1.oci.Flavor;
import dev.rocket.stage1.oci.HostCapabilities;
import dev.rocket.stage1.oci.HostLimits;
import dev.rocket.stage1.oci.IdMapping;
import dev.rocket.stage1.oci.RootfsOwnerShift;
import dev.rocket.stage1.oci.OciBundle;
import dev.rocket.stage1.oci.OciConfigTranslator;
import dev.rocket.stage1.oci.OciTranslation;
import dev.rocket.stage1.oci.PodFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isolators as a real runc pod sees them: each test translates an app, runs it as root with runc on the host's
 * static busybox, and reads the result from inside (/proc/self/status, errors of blocked syscalls) or from the
 * app's cgroup on the host. Every container is deleted afterwards.
 */
class IsolationProbeTest {

    @TempDir
    Path dir;
    private Path rootfs;
    private RuncRuntime runc;
    private final List<String> containers = new ArrayList<>();
    private int bundles;

    @BeforeEach
    void setUp() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the probes run pods: run the tests as root");
        runc = RuncRuntime.runc(RuncRuntime.onPath("runc").orElseThrow(() ->
                new AssertionError("the probes need runc (Debian runc)")), dir.resolve("state"));
        rootfs = TestRootfs.create(dir);
    }

    @AfterEach
    void deleteContainers() {
        for (String id : containers) {
            try {
                runc.delete(id, true);
            } catch (RocketException e) {
                // Already gone: a run container deletes itself when it exits.
            }
        }
    }

    private record Result(int code, String out) {
        String status(String field) {
            return out.lines().filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).strip())
                    .findFirst().orElseThrow(() -> new AssertionError("no " + field + " in\n" + out));
        }
    }

    private static App app(String user, String script, Isolator... isolators) {
        return new App(Exec.of("/bin/sh", "-c", script), List.of(), user, user.equals("0") ? "0" : TestRootfs.GROUP,
                List.of(), Optional.empty(), Environment.NONE, List.of(), List.of(), List.of(isolators),
                UserMap.NONE, UserMap.NONE);
    }

    private AppLaunch launch(App app, InsecureOptions insecure, OptionalInt oomScoreAdj) {
        String id = "rocket-probe-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(id);
        return new AppLaunch(new AcName("probe"), app, false, rootfs, List.of(), List.of(), id, Flavor.DEFAULT,
                insecure, oomScoreAdj);
    }

    private Path bundle(AppLaunch launch) throws Exception {
        OciTranslation translation = new OciConfigTranslator(HostLimits.read())
                .translateWithReport(launch, PodFacts.isolated(PodUuid.random(), "probe"));
        return new OciBundle(dir.resolve("bundle" + bundles++)).write(translation.config()).directory();
    }

    private Result run(AppLaunch launch) throws Exception {
        Path bundle = bundle(launch);
        // Both streams append to one file, so neither overwrites what the other wrote.
        Path out = dir.resolve(launch.cgroupsPath() + ".out");
        int code = runc.run(bundle, launch.cgroupsPath(), new Stdio(Redirect.from(new File("/dev/null")),
                Redirect.appendTo(out.toFile()), Redirect.appendTo(out.toFile())));
        return new Result(code, Files.readString(out));
    }

    private Result run(App app) throws Exception {
        return run(launch(app, InsecureOptions.none(), OptionalInt.empty()));
    }

    private Result run(App app, String insecure) throws Exception {
        return run(launch(app, InsecureOptions.parse(List.of(insecure)), OptionalInt.empty()));
    }

    private static String mask(Set<Capability> set) {
        long bits = 0;
        for (Capability capability : set) bits |= 1L << capability.number();
        return String.format("%016x", bits);
    }

    private static Set<SyscallName> syscalls(String... names) {
        Set<SyscallName> set = new LinkedHashSet<>();
        for (String name : names) set.add(new SyscallName(name));
        return set;
    }

    // Capabilities

    @Test
    void nonRootAppHasTheDefaultBoundingSetAndNoEffectiveCapabilities() throws Exception {
        Result result = run(app(TestRootfs.USER, "cat /proc/self/status"));
        assertEquals(mask(Capability.APPC_DEFAULT_SET), result.status("CapBnd"));
        assertEquals(mask(Set.of()), result.status("CapEff"));
        assertEquals(mask(Set.of()), result.status("CapAmb"));
    }

    @Test
    void removeSetTakesCapabilitiesOutOfRootsSets() throws Exception {
        Set<Capability> expected = EnumSet.copyOf(Capability.APPC_DEFAULT_SET);
        expected.remove(Capability.CAP_NET_RAW);
        Result result = run(app("0", "cat /proc/self/status",
                new CapabilitiesRemoveSetIsolator(Set.of(Capability.CAP_NET_RAW))));
        assertEquals(mask(expected), result.status("CapBnd"));
        assertEquals(mask(expected), result.status("CapEff"));
    }

    @Test
    void insecureCapabilitiesGrantEverythingTheHostHas() throws Exception {
        Result result = run(app("0", "cat /proc/self/status"), "capabilities");
        String host = mask(HostCapabilities.ofThisProcess().permitted());
        assertEquals(host, result.status("CapBnd"));
        assertEquals(host, result.status("CapEff"));
    }

    // Seccomp

    @Test
    void everyAppRunsUnderTheDefaultFilterWhichBlocksUnshare() throws Exception {
        Result filtered = run(app("0", "cat /proc/self/status; /bin/busybox unshare -U true && echo unshared"));
        assertEquals("2", filtered.status("Seccomp"));
        assertFalse(filtered.out().contains("unshared"), filtered.out());
        assertTrue(filtered.out().contains("Operation not permitted"), filtered.out());
        Result unfiltered = run(app("0", "cat /proc/self/status; /bin/busybox unshare -U true && echo unshared"),
                "seccomp");
        assertEquals("0", unfiltered.status("Seccomp"));
        assertTrue(unfiltered.out().contains("unshared"), unfiltered.out());
    }

    @Test
    void removedSyscallFailsWithTheChosenErrno() throws Exception {
        Result result = run(app("0", "/bin/busybox hostname probe-name",
                new SeccompRemoveSetIsolator(syscalls("sethostname"), Optional.of(Errno.EROFS))));
        assertTrue(result.out().contains("Read-only file system"), result.out());
    }

    @Test
    void removedSyscallWithoutErrnoKillsTheAppWithSigsys() throws Exception {
        Result result = run(app("0", "exec /bin/busybox hostname probe-name",
                new SeccompRemoveSetIsolator(syscalls("sethostname"), Optional.empty())));
        assertEquals(128 + 31, result.code(), result.out());
    }

    @Test
    void retainSetBlocksWhatItDoesNotListWithItsErrno() throws Exception {
        Result result = run(app("0", "cat /proc/self/status; /bin/busybox swapoff /nothing",
                new SeccompRetainSetIsolator(syscalls("@docker/default-whitelist"), Optional.of(Errno.ENOSYS))));
        assertEquals("2", result.status("Seccomp"));
        assertTrue(result.out().contains("Function not implemented"), result.out());
    }

    @Test
    void aSmallRetainSetKillingWithSigsysStillLetsTheRuntimeStartTheApp() throws Exception {
        // What a static busybox needs from execve to exit (strace -c /bin/busybox true); the runtime adds its own.
        SeccompRetainSetIsolator retain = new SeccompRetainSetIsolator(syscalls("readlink", "brk", "mprotect",
                "prlimit64", "prctl", "arch_prctl", "getuid", "getrandom", "rseq", "set_robust_list", "set_tid_address"),
                Optional.empty());
        assertEquals(0, run(direct("0", retain, "true")).code());
        assertEquals(0, run(direct(TestRootfs.USER, retain, "true")).code());
        assertEquals(128 + 31, run(direct("0", retain, "swapoff", "/nothing")).code());
    }

    /** Busybox run directly as the app, with no shell in between. */
    private static App direct(String user, Isolator isolator, String... applet) {
        List<String> args = new ArrayList<>(List.of("/bin/busybox"));
        args.addAll(List.of(applet));
        return new App(Exec.of(args.toArray(String[]::new)), List.of(), user, user.equals("0") ? "0" : TestRootfs.GROUP,
                List.of(), Optional.empty(),
                Environment.NONE, List.of(), List.of(), List.of(isolator), UserMap.NONE, UserMap.NONE);
    }

    // Paths, OOM score

    @Test
    void maskedAndReadOnlyProcPathsUnlessPathsAreInsecure() throws Exception {
        String script = "/bin/busybox wc -c < /proc/timer_list; grep ' /proc/sys ' /proc/self/mountinfo";
        Result hidden = run(app("0", script));
        List<String> lines = hidden.out().lines().toList();
        assertEquals("0", lines.getFirst(), hidden.out());
        assertTrue(lines.get(1).split(" ")[5].startsWith("ro,"), hidden.out());
        Result open = run(app("0", script), "paths");
        assertTrue(Long.parseLong(open.out().lines().findFirst().orElseThrow()) > 0, open.out());
        assertEquals(1, open.out().lines().count(), open.out());
    }

    @Test
    void oomScoreAdjustmentIsTheApps() throws Exception {
        Result result = run(launch(app("0", "cat /proc/self/oom_score_adj"), InsecureOptions.none(), OptionalInt.of(500)));
        assertEquals("500\n", result.out());
    }

    // Sysctl

    @Test
    void netSysctlIsSetInThePodsNetworkNamespace() throws Exception {
        Result result = run(app("0", "cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ip_default_ttl",
                new SysctlIsolator(Map.of("net.ipv4.ip_forward", "1", "net.ipv4.ip_default_ttl", "42"))));
        assertEquals("1\n42\n", result.out());
    }

    // Resources

    @Test
    void memoryAndCpuLimitsAreInTheAppsCgroup() throws Exception {
        AppLaunch launch = launch(app("0", "sleep 60", new MemoryIsolator(Optional.empty(),
                Quantity.of("64Mi", Quantity.Scale.WHOLE)), new CpuIsolator(Optional.of(Quantity.of("250m",
                Quantity.Scale.MILLI)), Quantity.of("500m", Quantity.Scale.MILLI)), BlockBandwidthIsolator.of("10M"),
                BlockIopsIsolator.of("500")), InsecureOptions.none(), OptionalInt.empty());
        Path bundle = bundle(launch);
        String id = launch.cgroupsPath();
        runc.create(bundle, id, Stdio.discard());
        runc.start(id);
        long pid = runc.state(id).pid();
        Map<String, String> expected = CgroupFiles.of(new OciConfigTranslator(HostLimits.read())
                .translate(launch, PodFacts.isolated(PodUuid.random(), "probe")).linux().resources(), CgroupFiles.Version.V1);
        assertEquals("67108864", expected.get("memory/memory.limit_in_bytes"));
        assertEquals("50000", expected.get("cpu/cpu.cfs_quota_us"));
        assertTrue(expected.get("blkio/blkio.throttle.read_bps_device").endsWith(" 10000000"), expected.toString());
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String controller = file.getKey().substring(0, file.getKey().indexOf('/'));
            Path cgroup = cgroupOf(pid, controller);
            String actual = Files.readString(cgroup.resolve(file.getKey().substring(controller.length() + 1)));
            // The kernel lists per-device throttles in its own order.
            assertEquals(Set.copyOf(file.getValue().lines().toList()), Set.copyOf(actual.strip().lines().toList()),
                    file.getKey());
            assertTrue(cgroup.toString().endsWith(id), cgroup.toString());
        }
        runc.kill(id, Signal.SIGKILL);
    }

    @Test
    void appAllocatingPastItsMemoryLimitIsOomKilled() throws Exception {
        MemoryIsolator limit = new MemoryIsolator(Optional.empty(), Quantity.of("16Mi", Quantity.Scale.WHOLE));
        Result killed = run(app("0", "exec /bin/busybox dd if=/dev/zero of=/dev/null bs=64M count=1", limit));
        assertEquals(128 + 9, killed.code(), killed.out());
        Result fits = run(app("0", "exec /bin/busybox dd if=/dev/zero of=/dev/null bs=4M count=1", limit));
        assertEquals(0, fits.code(), fits.out());
    }

    // User namespace

    @Test
    void privateUsersMapThePodsRootToAnUnprivilegedHostRangeWithTheRootfsShifted() throws Exception {
        IdMapping mapping = new IdMapping(400_000, IdMapping.DEFAULT_SIZE);
        RootfsOwnerShift.shift(rootfs, mapping);
        // The runtime reaches the rootfs as the pod's root, which the test's private temp directory keeps out.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        AppLaunch launch = launch(app("0", "cat /proc/self/uid_map; id -u; ls -ln /etc/passwd; cat /proc/self/status"),
                InsecureOptions.none(), OptionalInt.empty());
        OciTranslation translation = new OciConfigTranslator(HostLimits.read())
                .translateWithReport(launch, PodFacts.isolated(PodUuid.random(), "probe").withPrivateUsers(mapping));
        Path bundle = new OciBundle(dir.resolve("bundle-userns")).write(translation.config()).directory();
        Path out = dir.resolve("userns.out");
        int code = runc.run(bundle, launch.cgroupsPath(), new Stdio(Redirect.from(new File("/dev/null")),
                Redirect.appendTo(out.toFile()), Redirect.appendTo(out.toFile())));
        Result result = new Result(code, Files.readString(out));
        assertEquals(0, code, result.out());
        List<String> lines = result.out().lines().toList();
        assertEquals(List.of("0", "400000", "65536"), List.of(lines.get(0).trim().split("\\s+")));
        assertEquals("0", lines.get(1));
        assertEquals("0", lines.get(2).trim().split("\\s+")[2], lines.get(2));
        assertEquals(mask(Capability.APPC_DEFAULT_SET), result.status("CapEff"));
    }

    /** The host directory of {@code pid}'s cgroup of a v1 {@code controller}. */
    private static Path cgroupOf(long pid, String controller) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] fields = line.split(":", 3);
            if (List.of(fields[1].split(",")).contains(controller)) {
                return Path.of("/sys/fs/cgroup", fields[1], fields[2].substring(1));
            }
        }
        throw new AssertionError("no " + controller + " cgroup for " + pid);
    }
}
