package dev.rocket.stage1.oci;

import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.isolator.CapabilitiesRemoveSetIsolator;
import dev.rocket.spec.isolator.CapabilitiesRetainSetIsolator;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.spec.isolator.CpuIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.NoNewPrivilegesIsolator;
import dev.rocket.spec.isolator.SysctlIsolator;
import dev.rocket.spec.schema.App;
import dev.rocket.spec.types.Environment;
import dev.rocket.spec.types.EnvironmentVariable;
import dev.rocket.stage1.isolation.IsolatorReport;
import dev.rocket.stage1.isolation.SeccompPolicy;
import dev.rocket.stage1.isolation.SeccompProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Translates one app of a pod into the OCI runtime configuration runc runs it with: the appc execution
 * environment (ace.md) written as namespaces, mounts, capabilities and cgroup resources. The one place where
 * appc meets OCI; it does no isolation itself.
 */
public final class OciConfigTranslator {

    /** The PATH ace.md requires when the app sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** The value of the {@code container} variable: the name of this executor. */
    public static final String CONTAINER_NAME = "rocket";
    /** Open files an app may have, unless the host's hard limit is lower. */
    public static final long WANTED_NOFILE = 1_048_576;
    /** The CFS period the CPU limit is expressed in, in microseconds. */
    public static final long CPU_PERIOD = 100_000;

    /** Files of /proc and /sys an app must not read (runc's and Docker's defaults). */
    public static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    /** Files of /proc an app may read but not write (runc's and Docker's defaults). */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private final HostLimits hostLimits;
    private final HostCapabilities hostCapabilities;
    private final SecurityModules securityModules;
    private final BlockDevices blockDevices;

    /**
     * A translator bounded by {@code hostLimits}, this process's own capabilities, and the host's security
     * modules and block devices.
     */
    public OciConfigTranslator(HostLimits hostLimits) {
        this(hostLimits, HostCapabilities.ofThisProcess(), SecurityModules.ofThisHost(), BlockDevices.ofThisHost());
    }

    /** A translator for a host without AppArmor, SELinux or block devices. */
    public OciConfigTranslator(HostLimits hostLimits, HostCapabilities hostCapabilities) {
        this(hostLimits, hostCapabilities, SecurityModules.none(), BlockDevices.none());
    }

    public OciConfigTranslator(HostLimits hostLimits, HostCapabilities hostCapabilities, SecurityModules securityModules,
                               BlockDevices blockDevices) {
        this.hostLimits = hostLimits;
        this.hostCapabilities = hostCapabilities;
        this.securityModules = securityModules;
        this.blockDevices = blockDevices;
    }

    /**
     * The configuration of {@code launch} in {@code pod}; {@link #translateWithReport} also says what became of
     * each isolator.
     *
     * @throws RocketException NOT_FOUND when the working directory, user or group does not exist in the app's
     *                         rootfs; INVALID_ARGUMENT when the app has no exec or asks for a sysctl that is not
     *                         the pod's to set
     */
    public OciConfig translate(AppLaunch launch, PodFacts pod) throws RocketException {
        return translateWithReport(launch, pod).config();
    }

    /**
     * The configuration of {@code launch} in {@code pod} and the record of which isolators it enforces, modifies
     * or ignores (ace.md's MUST), for stage0 to save with the pod.
     *
     * @throws RocketException as {@link #translate}, and INVALID_ARGUMENT for an unknown seccomp wildcard
     */
    public OciTranslation translateWithReport(AppLaunch launch, PodFacts pod) throws RocketException {
        App app = launch.app();
        if (app.exec().isEmpty()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "app " + launch.name()
                    + " has no exec: give the program to run in the image manifest, the pod manifest or with --exec");
        }
        String cwd = app.effectiveWorkingDirectory();
        Path cwdInRootfs = launch.rootfs().resolve(cwd.substring(1)).normalize();
        if (!cwdInRootfs.startsWith(launch.rootfs()) || !Files.isDirectory(cwdInRootfs)) {
            throw new RocketException(Kind.NOT_FOUND, "working directory " + cwd + " does not exist in app "
                    + launch.name() + "'s rootfs; create it in the image or change workingDirectory");
        }
        if (launch.flavor() == Flavor.FLY && pod.privateUsers().isPresent()) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "app " + launch.name() + ": the fly flavor runs apps"
                    + " with the host's users; --private-users needs the default flavor");
        }
        OciConfig.User user = new RootfsIdentity(launch.rootfs(), launch.name()).resolve(app);
        IsolatorReport.Builder report = new IsolatorReport.Builder(launch.name().value());
        List<Isolator> isolators = Stream.concat(app.isolators().stream(), launch.podIsolators().stream()).toList();
        OciConfig.Process process = process(launch, pod, user, cwd, isolators, report);
        OciConfig.Linux linux = linux(launch, pod, isolators, report);
        OtherIsolators.record(isolators, launch.flavor() != Flavor.FLY && pod.network() instanceof NamespaceSource.Joined,
                report);
        boolean ownUts = launch.flavor() != Flavor.FLY && !(pod.uts() instanceof NamespaceSource.Host);
        OciConfig config = new OciConfig(process, new OciConfig.Root(launch.rootfs(), launch.readOnlyRootFs()),
                ownUts ? Optional.of(pod.hostname()) : Optional.empty(), mounts(launch.volumes()), linux);
        return new OciTranslation(config, report.build());
    }

    /** The process: command, environment, identity, capabilities, no_new_privs, limits and security labels. */
    private OciConfig.Process process(AppLaunch launch, PodFacts pod, OciConfig.User user, String cwd,
                                      List<Isolator> isolators, IsolatorReport.Builder report) throws RocketException {
        OciConfig.Capabilities capabilities = capabilities(launch, isolators, user.uid() == 0);
        CapabilityReport.record(launch, isolators, user.uid() == 0, capabilities, report);
        Set<Capability> lacking = hostCapabilities.missingFrom(capabilities.bounding());
        if (!lacking.isEmpty()) {
            capabilities = without(capabilities, lacking);
            report.modified("capabilities", "left out because Rocket itself does not hold them on this host: "
                    + lacking.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        boolean noNewPrivileges = noNewPrivileges(isolators);
        isolators.stream().filter(NoNewPrivilegesIsolator.class::isInstance).forEach(i -> report.enforced(
                i.name().value(), noNewPrivileges ? "no_new_privs set" : "no_new_privs not set"));
        OciConfig.SecurityLabels labels = SecurityLabelPolicy.decide(launch.name(), launch.app().isolators(),
                launch.podIsolators(), securityModules, launch.flavor() == Flavor.FLY, report);
        return new OciConfig.Process(launch.app().exec().args(), environment(launch, pod), cwd, user, capabilities,
                noNewPrivileges, rlimits(), launch.oomScoreAdj(), labels);
    }

    /** The Linux part: namespaces, cgroup resources, sysctls, hidden paths, the seccomp filter, the ID mapping. */
    private OciConfig.Linux linux(AppLaunch launch, PodFacts pod, List<Isolator> isolators,
                                  IsolatorReport.Builder report) throws RocketException {
        boolean fly = launch.flavor() == Flavor.FLY;
        boolean hidePaths = !fly && !launch.insecure().allows(Option.PATHS);
        Optional<String> noSeccomp = fly ? Optional.of("the fly flavor runs apps unconfined")
                : launch.insecure().allows(Option.SECCOMP) ? Optional.of("--insecure-options=seccomp") : Optional.empty();
        Optional<SeccompProfile> seccomp =
                SeccompPolicy.decide(launch.app().isolators(), launch.podIsolators(), noSeccomp, report);
        OciConfig.Resources resources = fly ? OciConfig.Resources.NONE
                : resources(isolators).withBlockIo(BlockIoLimits.of(isolators, blockDevices));
        ResourceReport.record(launch.app().isolators(), launch.podIsolators(), fly, report);
        BlockIoLimits.record(isolators, blockDevices, fly, report);
        Map<String, String> sysctl = sysctl(launch, pod, isolators);
        isolators.stream().filter(SysctlIsolator.class::isInstance).forEach(i -> report.enforced(i.name().value(),
                "set in the pod's network namespace: " + String.join(", ", ((SysctlIsolator) i).parameters().keySet())));
        List<OciConfig.Namespace> namespaces = new ArrayList<>(namespaces(launch.flavor(), pod));
        if (pod.privateUsers().isPresent()) add(namespaces, "user", pod.users());
        return new OciConfig.Linux(namespaces, launch.cgroupsPath(), resources, sysctl,
                hidePaths ? MASKED_PATHS : List.of(), hidePaths ? READONLY_PATHS : List.of(), seccomp,
                pod.privateUsers());
    }

    /**
     * ace.md's variables, the app's own (which may replace PATH), then the ones an app cannot change:
     * AC_APP_NAME, AC_METADATA_URL when the pod has a metadata service, and {@code container}.
     */
    static List<String> environment(AppLaunch launch, PodFacts pod) {
        Environment env = new Environment(List.of(new EnvironmentVariable("PATH", DEFAULT_PATH)));
        for (EnvironmentVariable variable : launch.app().environment().list()) {
            env = env.with(variable.name(), variable.value());
        }
        env = env.with("AC_APP_NAME", launch.name().value());
        if (pod.metadataUrl().isPresent()) env = env.with("AC_METADATA_URL", pod.metadataUrl().get().toString());
        env = env.with("container", CONTAINER_NAME);
        return env.list().stream().map(EnvironmentVariable::toString).toList();
    }

    /**
     * The appc default set, or what a retain or remove set makes of it; everything with
     * {@code --insecure-options=capabilities} or in fly. Root gets the set as its effective, permitted and
     * inheritable capabilities; other users only as their bounding set (capabilities-guide.md: rkt adds no
     * capabilities to a non-root app's effective set, nor ambient ones).
     */
    static OciConfig.Capabilities capabilities(AppLaunch launch, List<Isolator> isolators, boolean root) {
        Set<Capability> set = EnumSet.copyOf(Capability.APPC_DEFAULT_SET);
        if (launch.flavor() == Flavor.FLY || launch.insecure().allows(Option.CAPABILITIES)) {
            set = EnumSet.allOf(Capability.class);
        } else {
            // A retain set is the app's whole bounding set (ace.md), not a subset of the defaults.
            for (Isolator isolator : isolators) {
                if (isolator instanceof CapabilitiesRetainSetIsolator retain) set = EnumSet.copyOf(retain.set());
            }
            for (Isolator isolator : isolators) {
                if (isolator instanceof CapabilitiesRemoveSetIsolator remove) set.removeAll(remove.set());
            }
        }
        Set<Capability> none = Set.of();
        return root ? new OciConfig.Capabilities(set, set, set, set, none)
                : new OciConfig.Capabilities(set, none, none, none, none);
    }

    private static OciConfig.Capabilities without(OciConfig.Capabilities sets, Set<Capability> lacking) {
        java.util.function.UnaryOperator<Set<Capability>> minus = set -> {
            Set<Capability> kept = set.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(set);
            kept.removeAll(lacking);
            return kept;
        };
        return new OciConfig.Capabilities(minus.apply(sets.bounding()), minus.apply(sets.effective()),
                minus.apply(sets.inheritable()), minus.apply(sets.permitted()), minus.apply(sets.ambient()));
    }

    static boolean noNewPrivileges(List<Isolator> isolators) {
        return isolators.stream().anyMatch(i -> i instanceof NoNewPrivilegesIsolator n && n.enabled());
    }

    List<OciConfig.Rlimit> rlimits() {
        long nofile = hostLimits.cap("RLIMIT_NOFILE", WANTED_NOFILE);
        return List.of(new OciConfig.Rlimit("RLIMIT_NOFILE", nofile, nofile));
    }

    /** PID and mount are the app's own; the flavor decides IPC, UTS and network. */
    static List<OciConfig.Namespace> namespaces(Flavor flavor, PodFacts pod) {
        List<OciConfig.Namespace> namespaces = new ArrayList<>();
        if (flavor == Flavor.DEFAULT) namespaces.add(new OciConfig.Namespace("pid", Optional.empty()));
        namespaces.add(new OciConfig.Namespace("mount", Optional.empty()));
        if (flavor == Flavor.DEFAULT) {
            add(namespaces, "ipc", pod.ipc());
            add(namespaces, "uts", pod.uts());
            add(namespaces, "network", pod.network());
        }
        return namespaces;
    }

    private static void add(List<OciConfig.Namespace> namespaces, String type, NamespaceSource source) {
        switch (source) {
            case NamespaceSource.Private p -> namespaces.add(new OciConfig.Namespace(type, Optional.empty()));
            case NamespaceSource.Joined j -> namespaces.add(new OciConfig.Namespace(type, Optional.of(j.path())));
            case NamespaceSource.Host h -> { }
        }
    }

    /**
     * The lowest memory and CPU limits of app and pod (a pod's isolators bound its apps'); a CPU limit becomes a
     * CFS quota, a CPU request the relative shares (1024 per core).
     */
    static OciConfig.Resources resources(List<Isolator> isolators) {
        OptionalLong memory = OptionalLong.empty();
        OptionalLong memoryRequest = OptionalLong.empty();
        OptionalLong cpuLimit = OptionalLong.empty();
        OptionalLong cpuRequest = OptionalLong.empty();
        for (Isolator isolator : isolators) {
            if (isolator instanceof MemoryIsolator m) {
                memory = lowest(memory, m.limit().amount());
                memoryRequest = lowest(memoryRequest, m.effectiveRequest().amount());
            }
            if (isolator instanceof CpuIsolator c) {
                cpuLimit = lowest(cpuLimit, c.limit().amount());
                cpuRequest = lowest(cpuRequest, c.effectiveRequest().amount());
            }
        }
        OptionalLong quota = cpuLimit.isPresent()
                ? OptionalLong.of(Math.max(1000, cpuLimit.getAsLong() * CPU_PERIOD / 1000)) : OptionalLong.empty();
        OptionalLong shares = cpuRequest.isPresent()
                ? OptionalLong.of(Math.max(2, cpuRequest.getAsLong() * 1024 / 1000)) : OptionalLong.empty();
        // A request equal to the limit says nothing more; a lower one becomes the soft limit reclaim aims at.
        OptionalLong reservation = memoryRequest.isPresent() && memoryRequest.getAsLong() < memory.getAsLong()
                ? memoryRequest : OptionalLong.empty();
        return new OciConfig.Resources(memory, reservation, shares, quota,
                quota.isPresent() ? OptionalLong.of(CPU_PERIOD) : OptionalLong.empty());
    }

    private static OptionalLong lowest(OptionalLong current, long candidate) {
        return current.isPresent() && current.getAsLong() <= candidate ? current : OptionalLong.of(candidate);
    }

    /**
     * The os/unix/sysctl parameters. Only {@code net.*} is namespaced, and only in a network namespace that is
     * not the host's: anything else would change the host for every process on it.
     */
    static Map<String, String> sysctl(AppLaunch launch, PodFacts pod, List<Isolator> isolators) throws RocketException {
        Map<String, String> sysctl = new LinkedHashMap<>();
        for (Isolator isolator : isolators) {
            if (!(isolator instanceof SysctlIsolator s)) continue;
            for (Map.Entry<String, String> parameter : s.parameters().entrySet()) {
                String key = parameter.getKey();
                if (!key.startsWith("net.")) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, "sysctl " + key + " of app " + launch.name()
                            + " is refused: only net.* parameters belong to the pod's own network namespace;"
                            + " remove it from " + SysctlIsolator.NAME);
                }
                if (launch.flavor() == Flavor.FLY || pod.network() instanceof NamespaceSource.Host) {
                    throw new RocketException(Kind.INVALID_ARGUMENT, "sysctl " + key + " of app " + launch.name()
                            + " is refused: the app shares the host's network namespace, so it would change the host;"
                            + " run the pod with its own network or remove " + SysctlIsolator.NAME);
                }
                sysctl.put(key, parameter.getValue());
            }
        }
        return sysctl;
    }

    /** The appc file systems (OS-SPEC.md), then the volumes at their targets. */
    static List<OciConfig.Mount> mounts(List<VolumeMount> volumes) {
        List<OciConfig.Mount> mounts = new ArrayList<>(List.of(
                new OciConfig.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new OciConfig.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new OciConfig.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")),
                new OciConfig.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new OciConfig.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new OciConfig.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"))));
        for (VolumeMount volume : volumes) {
            List<String> options = new ArrayList<>(List.of(volume.recursive() ? "rbind" : "bind", "rprivate"));
            if (volume.readOnly()) options.add("ro");
            mounts.add(new OciConfig.Mount(volume.target(), "bind", volume.source().toString(), options));
        }
        return mounts;
    }
}
