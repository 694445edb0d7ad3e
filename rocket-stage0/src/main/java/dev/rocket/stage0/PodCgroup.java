package dev.rocket.stage0;

import dev.rocket.os.linux.MountInfo;
import dev.rocket.os.linux.MountTable;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage1.oci.CgroupFiles;
import dev.rocket.stage1.oci.PodCgroupFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the pod's cgroup in every hierarchy the starting process belongs to (the runtime nests the apps' relative
 * cgroups there too), limits it with the pod's isolators, and removes it again at gc. The directories are
 * recorded in the pod's {@value #FILE} file, so that gc, run from anywhere, finds them.
 */
final class PodCgroup {

    static final String FILE = "cgroups";

    private PodCgroup() {
    }

    /**
     * Creates and limits the pod's cgroup; with {@code limit} false (fly) only creates it. What it did. With
     * {@code underOwn} it goes below this process's cgroup in each hierarchy, as runc nests a relative
     * {@code cgroupsPath}; without, at the root of each, where crun puts one.
     */
    static Plan create(Path pod, PodUuid uuid, List<Isolator> podIsolators, boolean limit, boolean underOwn) throws IOException {
        Plan plan = plan(uuid, podIsolators, limit, underOwn);
        Files.write(pod.resolve(FILE), plan.hierarchies().stream().map(h -> h.podDir().toString()).toList());
        for (Hierarchy hierarchy : plan.hierarchies()) Files.createDirectories(hierarchy.podDir());
        for (Write write : plan.writes()) Files.writeString(write.file(), write.value());
        return plan;
    }

    /**
     * Where the pod's cgroup goes in each hierarchy this process belongs to, and what limits it (nothing without
     * {@code limit}), without touching either: what {@link #create} does, and a rehearsed start only plans.
     */
    static Plan plan(PodUuid uuid, List<Isolator> podIsolators, boolean limit, boolean underOwn) throws IOException {
        String procCgroup = Files.readString(Path.of("/proc/self/cgroup"));
        MountTable mounts = MountTable.read();
        String parent = underOwn ? "" : commonOwn(procCgroup, mounts);
        List<Hierarchy> hierarchies = hierarchies(procCgroup, mounts, uuid, underOwn);
        return new Plan(hierarchies, limit ? writes(hierarchies, podIsolators) : List.of(), parent);
    }

    /**
     * The pod's cgroup directories, the files to write in them, in order, and the parent an app's
     * {@code cgroupsPath} must name absolutely ({@code ""}: a relative path lands where the pod's cgroup is).
     */
    record Plan(List<Hierarchy> hierarchies, List<Write> writes, String parent) {

        /** The {@code cgroupsPath} of a container whose path relative to the pod's parent is {@code relative}. */
        String cgroupsPath(String relative) {
            return parent.isEmpty() ? relative : parent + "/" + relative;
        }
    }

    /**
     * The files to write, in order, so that the pod's cgroup holds its isolators' limits: on v1 each in the
     * hierarchy of its controller; on v2 (no v1 hierarchy at all) in the unified one, after the parent's
     * {@code cgroup.subtree_control} has handed the controller down.
     *
     * @throws IOException when no hierarchy has a controller a limit needs
     */
    static List<Write> writes(List<Hierarchy> hierarchies, List<Isolator> podIsolators) throws IOException {
        boolean v1 = hierarchies.stream().anyMatch(h -> !h.controllers().isEmpty());
        Map<String, String> files = PodCgroupFiles.of(podIsolators, v1 ? CgroupFiles.Version.V1 : CgroupFiles.Version.V2);
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = v1 ? file.getKey().substring(file.getKey().indexOf('/') + 1) : file.getKey();
            String controller = v1 ? file.getKey().substring(0, file.getKey().indexOf('/')) : name.substring(0, name.indexOf('.'));
            Hierarchy hierarchy = hierarchies.stream()
                    .filter(h -> v1 ? h.controllers().contains(controller) : h.controllers().isEmpty())
                    .findFirst().orElseThrow(() -> new IOException("no cgroup hierarchy with the " + controller
                            + " controller for the pod's isolators"));
            if (!v1) {
                Write enable = new Write(hierarchy.podDir().getParent().resolve("cgroup.subtree_control"), "+" + controller);
                if (!writes.contains(enable)) writes.add(enable);
            }
            writes.add(new Write(hierarchy.podDir().resolve(name), file.getValue()));
        }
        return writes;
    }

    /** Removes the pod's recorded cgroups; what cannot be removed comes back as warnings. */
    static List<String> remove(Path pod) {
        List<String> warnings = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(pod.resolve(FILE))) {
                try {
                    Files.deleteIfExists(Path.of(line));
                } catch (IOException e) {
                    warnings.add("cgroup " + line + " of the pod is left: " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            return warnings;
        } catch (IOException e) {
            warnings.add("the pod's cgroups could not be read: " + e.getMessage());
        }
        return warnings;
    }

    /**
     * The pod's cgroup directory in each hierarchy of {@code procCgroup} (the lines of /proc/self/cgroup) that is
     * mounted; a v1 hierarchy lists its controllers, the v2 one none. With {@code underOwn} below the process's
     * cgroup in each hierarchy (where runc nests a relative {@code cgroupsPath}); otherwise below the cgroup the
     * process has in all of them alike ({@link #commonOwn}), since a runtime that takes paths from the root (crun)
     * is given one path for every hierarchy.
     */
    static List<Hierarchy> hierarchies(String procCgroup, MountTable mounts, PodUuid uuid, boolean underOwn) {
        String common = underOwn ? null : commonOwn(procCgroup, mounts);
        List<Hierarchy> hierarchies = new ArrayList<>();
        for (Membership membership : memberships(procCgroup, mounts)) {
            String own = underOwn ? membership.own() : common;
            Path dir = membership.mount().mountPoint().resolve(own.replaceFirst("^/+", "")).resolve(PodCgroupFiles.podPath(uuid));
            hierarchies.add(new Hierarchy(membership.controllers(), dir));
        }
        return hierarchies;
    }

    /**
     * The cgroup this process has in every mounted hierarchy alike, as seen below their mount points (on a v2-only
     * host its one cgroup; under a systemd unit the unit's); {@code ""} (the roots) when the hierarchies differ.
     */
    static String commonOwn(String procCgroup, MountTable mounts) {
        List<String> owns = memberships(procCgroup, mounts).stream().map(Membership::own).distinct().toList();
        return owns.size() == 1 && !owns.getFirst().equals("/") ? owns.getFirst().replaceFirst("/+$", "") : "";
    }

    /** This process's cgroup in one mounted hierarchy, relative to its mount point. */
    private record Membership(List<String> controllers, MountInfo mount, String own) {
    }

    private static List<Membership> memberships(String procCgroup, MountTable mounts) {
        List<Membership> memberships = new ArrayList<>();
        for (String line : procCgroup.lines().toList()) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) continue;
            List<String> controllers = fields[1].isEmpty() ? List.of() : Arrays.asList(fields[1].split(","));
            Optional<MountInfo> mount = mounts.mounts().stream().filter(m -> controllers.isEmpty()
                    ? m.fsType().equals("cgroup2")
                    : m.fsType().equals("cgroup") && m.superOptions().containsAll(controllers)).findFirst();
            if (mount.isEmpty()) continue;
            String own = fields[2].startsWith(mount.get().root()) ? fields[2].substring(mount.get().root().length()) : fields[2];
            memberships.add(new Membership(controllers, mount.get(), "/" + own.replaceFirst("^/+", "")));
        }
        return memberships;
    }

    /** Where the pod's cgroup lies in one hierarchy; a v1 hierarchy names its controllers, v2 none. */
    record Hierarchy(List<String> controllers, Path podDir) {
    }

    /** One value written to one cgroup file. */
    record Write(Path file, String value) {
    }
}
