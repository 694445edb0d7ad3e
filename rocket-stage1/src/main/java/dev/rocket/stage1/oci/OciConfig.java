package dev.rocket.stage1.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.isolator.Capability;
import dev.rocket.stage1.isolation.SeccompProfile;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An OCI runtime configuration (the {@code config.json} of a bundle) as far as Rocket uses it, in the form runc
 * 1.1 accepts. {@link #toJson()} gives the wire form.
 *
 * @param hostname the container's host name; only set when the UTS namespace is the container's or pod's own
 */
public record OciConfig(Process process, Root root, Optional<String> hostname, List<Mount> mounts, Linux linux) {

    /** The OCI runtime specification version written. */
    public static final String OCI_VERSION = "1.0.2";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public OciConfig {
        mounts = List.copyOf(mounts);
    }

    /** The process to run: command line, environment, working directory, user and privileges. */
    public record Process(List<String> args, List<String> env, String cwd, User user, Capabilities capabilities,
                          boolean noNewPrivileges, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                          SecurityLabels labels) {
        public Process {
            args = List.copyOf(args);
            env = List.copyOf(env);
            rlimits = List.copyOf(rlimits);
            if (args.isEmpty()) throw new IllegalArgumentException("a process needs a program to run");
            if (!cwd.startsWith("/")) throw new IllegalArgumentException("the working directory must be absolute: " + cwd);
        }
    }

    /** The labels of the host's security modules for the process; empty when none applies. */
    public record SecurityLabels(Optional<String> apparmorProfile, Optional<String> selinuxLabel) {
        public static final SecurityLabels NONE = new SecurityLabels(Optional.empty(), Optional.empty());
    }

    /** The numeric identity of the process. */
    public record User(long uid, long gid, List<Long> additionalGids) {
        public User {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    /** The five capability sets of the process (capabilities(7)). */
    public record Capabilities(Set<Capability> bounding, Set<Capability> effective, Set<Capability> inheritable,
                               Set<Capability> permitted, Set<Capability> ambient) {
        public Capabilities {
            bounding = copy(bounding);
            effective = copy(effective);
            inheritable = copy(inheritable);
            permitted = copy(permitted);
            ambient = copy(ambient);
        }

        private static Set<Capability> copy(Set<Capability> set) {
            return set.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(set));
        }
    }

    /** A resource limit, such as {@code RLIMIT_NOFILE}. */
    public record Rlimit(String type, long soft, long hard) {
        public Rlimit {
            if (soft > hard) throw new IllegalArgumentException(type + ": soft limit " + soft + " above hard " + hard);
        }
    }

    /** The root file system of the container. */
    public record Root(Path path, boolean readonly) {
    }

    /** A mount in the container; the runtime creates the destination. */
    public record Mount(String destination, String type, String source, List<String> options) {
        public Mount {
            options = List.copyOf(options);
        }
    }

    /** A namespace of the container: new when {@code path} is empty, else joined. */
    public record Namespace(String type, Optional<Path> path) {
    }

    /**
     * Resources of the container's cgroup; runc writes them to cgroup v1 or v2 files alike.
     *
     * @param cpuShares relative weight (cgroup v1 cpu.shares; runc converts it to cpu.weight on v2)
     */
    public record Resources(OptionalLong memoryLimit, OptionalLong memoryReservation, OptionalLong cpuShares,
                            OptionalLong cpuQuota, OptionalLong cpuPeriod, BlockIo blockIo) {
        public static final Resources NONE = new Resources(OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), BlockIo.NONE);

        /** Resources without block I/O limits. */
        public Resources(OptionalLong memoryLimit, OptionalLong memoryReservation, OptionalLong cpuShares,
                         OptionalLong cpuQuota, OptionalLong cpuPeriod) {
            this(memoryLimit, memoryReservation, cpuShares, cpuQuota, cpuPeriod, BlockIo.NONE);
        }

        public Resources withBlockIo(BlockIo limits) {
            return new Resources(memoryLimit, memoryReservation, cpuShares, cpuQuota, cpuPeriod, limits);
        }
    }

    /**
     * Read and write throttling of every device in {@code devices}, in bytes and operations per second.
     */
    public record BlockIo(List<BlockDevices.Device> devices, OptionalLong bytesPerSecond, OptionalLong iops) {
        public static final BlockIo NONE = new BlockIo(List.of(), OptionalLong.empty(), OptionalLong.empty());

        public BlockIo {
            devices = List.copyOf(devices);
        }

        public boolean isEmpty() {
            return devices.isEmpty() || (bytesPerSecond.isEmpty() && iops.isEmpty());
        }
    }

    /** The Linux part: namespaces, cgroup, resources, sysctl, the paths hidden from the app and its syscall filter. */
    public record Linux(List<Namespace> namespaces, String cgroupsPath, Resources resources,
                        Map<String, String> sysctl, List<String> maskedPaths, List<String> readonlyPaths,
                        Optional<SeccompProfile> seccomp, Optional<IdMapping> idMapping) {
        public Linux {
            namespaces = List.copyOf(namespaces);
            sysctl = Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
            maskedPaths = List.copyOf(maskedPaths);
            readonlyPaths = List.copyOf(readonlyPaths);
        }

        /** The namespace of this type, if the container has its own or joins one. */
        public Optional<Namespace> namespace(String type) {
            return namespaces.stream().filter(n -> n.type().equals(type)).findFirst();
        }
    }

    /** The configuration as the JSON tree of {@code config.json}. */
    public ObjectNode toJsonTree() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ociVersion", OCI_VERSION);
        ObjectNode proc = json.putObject("process");
        proc.put("terminal", false);
        ObjectNode user = proc.putObject("user");
        user.put("uid", process.user().uid());
        user.put("gid", process.user().gid());
        if (!process.user().additionalGids().isEmpty()) {
            ArrayNode gids = user.putArray("additionalGids");
            process.user().additionalGids().forEach(gids::add);
        }
        strings(proc.putArray("args"), process.args());
        strings(proc.putArray("env"), process.env());
        proc.put("cwd", process.cwd());
        ObjectNode caps = proc.putObject("capabilities");
        Capabilities c = process.capabilities();
        capabilities(caps.putArray("bounding"), c.bounding());
        capabilities(caps.putArray("effective"), c.effective());
        capabilities(caps.putArray("inheritable"), c.inheritable());
        capabilities(caps.putArray("permitted"), c.permitted());
        capabilities(caps.putArray("ambient"), c.ambient());
        ArrayNode rlimits = proc.putArray("rlimits");
        for (Rlimit limit : process.rlimits()) {
            rlimits.addObject().put("type", limit.type()).put("hard", limit.hard()).put("soft", limit.soft());
        }
        proc.put("noNewPrivileges", process.noNewPrivileges());
        process.oomScoreAdj().ifPresent(adj -> proc.put("oomScoreAdj", adj));
        process.labels().apparmorProfile().ifPresent(profile -> proc.put("apparmorProfile", profile));
        process.labels().selinuxLabel().ifPresent(label -> proc.put("selinuxLabel", label));
        json.putObject("root").put("path", root.path().toString()).put("readonly", root.readonly());
        hostname.ifPresent(name -> json.put("hostname", name));
        ArrayNode mountArray = json.putArray("mounts");
        for (Mount mount : mounts) {
            ObjectNode m = mountArray.addObject();
            m.put("destination", mount.destination()).put("type", mount.type()).put("source", mount.source());
            strings(m.putArray("options"), mount.options());
        }
        ObjectNode lin = json.putObject("linux");
        ArrayNode namespaces = lin.putArray("namespaces");
        for (Namespace namespace : linux.namespaces()) {
            ObjectNode n = namespaces.addObject().put("type", namespace.type());
            namespace.path().ifPresent(path -> n.put("path", path.toString()));
        }
        linux.idMapping().ifPresent(mapping -> {
            for (String field : List.of("uidMappings", "gidMappings")) {
                lin.putArray(field).addObject().put("containerID", 0).put("hostID", mapping.hostId())
                        .put("size", mapping.size());
            }
        });
        lin.put("cgroupsPath", linux.cgroupsPath());
        lin.set("resources", resources(linux.resources()));
        if (!linux.sysctl().isEmpty()) {
            ObjectNode sysctl = lin.putObject("sysctl");
            linux.sysctl().forEach(sysctl::put);
        }
        strings(lin.putArray("maskedPaths"), linux.maskedPaths());
        strings(lin.putArray("readonlyPaths"), linux.readonlyPaths());
        linux.seccomp().ifPresent(profile -> lin.set("seccomp", seccomp(profile)));
        return json;
    }

    /** The wire form: the pretty-printed {@code config.json}. */
    public String toJson() {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonTree());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static JsonNode resources(Resources resources) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        // Without a device rule runc leaves the device cgroup to its defaults; deny-all then the usual nodes.
        json.putArray("devices").addObject().put("allow", false).put("access", "rwm");
        if (resources.memoryLimit().isPresent() || resources.memoryReservation().isPresent()) {
            ObjectNode memory = json.putObject("memory");
            resources.memoryLimit().ifPresent(limit -> memory.put("limit", limit));
            resources.memoryReservation().ifPresent(reservation -> memory.put("reservation", reservation));
        }
        if (resources.cpuShares().isPresent() || resources.cpuQuota().isPresent()) {
            ObjectNode cpu = json.putObject("cpu");
            resources.cpuShares().ifPresent(shares -> cpu.put("shares", shares));
            resources.cpuQuota().ifPresent(quota -> cpu.put("quota", quota));
            resources.cpuPeriod().ifPresent(period -> cpu.put("period", period));
        }
        BlockIo block = resources.blockIo();
        if (!block.isEmpty()) {
            ObjectNode blockIo = json.putObject("blockIO");
            block.bytesPerSecond().ifPresent(rate -> {
                throttles(blockIo.putArray("throttleReadBpsDevice"), block.devices(), rate);
                throttles(blockIo.putArray("throttleWriteBpsDevice"), block.devices(), rate);
            });
            block.iops().ifPresent(rate -> {
                throttles(blockIo.putArray("throttleReadIOPSDevice"), block.devices(), rate);
                throttles(blockIo.putArray("throttleWriteIOPSDevice"), block.devices(), rate);
            });
        }
        return json;
    }

    private static void throttles(ArrayNode array, List<BlockDevices.Device> devices, long rate) {
        devices.forEach(d -> array.addObject().put("major", d.major()).put("minor", d.minor()).put("rate", rate));
    }

    private static JsonNode seccomp(SeccompProfile profile) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("defaultAction", profile.defaultAction().oci());
        if (profile.defaultAction() == SeccompProfile.Action.ERRNO) {
            json.put("defaultErrnoRet", profile.errno().orElseThrow().number());
        }
        strings(json.putArray("architectures"), SeccompProfile.ARCHITECTURES);
        if (!profile.syscalls().isEmpty()) {
            ObjectNode rule = json.putArray("syscalls").addObject();
            strings(rule.putArray("names"), profile.syscalls());
            rule.put("action", profile.listedAction().oci());
            if (profile.listedAction() == SeccompProfile.Action.ERRNO) {
                rule.put("errnoRet", profile.errno().orElseThrow().number());
            }
        }
        return json;
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void capabilities(ArrayNode array, Set<Capability> set) {
        set.forEach(c -> array.add(c.name()));
    }
}
