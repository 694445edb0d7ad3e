package dev.rocket.stage1.runtime;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.MountTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OCI runtimes this host offers for the pods under one data directory, each with its own state directory
 * there ({@code runtime} for runc, {@code runtime-crun} for crun), so that neither ever lists the other's
 * containers. A pod records the runtime it was prepared for, and every later command on it uses that one.
 */
public final class OciRuntimes {

    private static final String UNSHARE = "unshare";

    private final Path dataDir;

    private OciRuntimes(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** The runtimes for the pods under {@code dataDir} ({@code --dir}). */
    public static OciRuntimes under(Path dataDir) {
        return new OciRuntimes(dataDir);
    }

    /** Where runtime {@code name} keeps its containers' state. */
    public Path stateRoot(RuntimeChoice name) {
        return switch (name) {
            case RUNC -> dataDir.resolve("runtime");
            case CRUN -> dataDir.resolve("runtime-crun");
            case AUTO -> throw new IllegalArgumentException("auto names no runtime");
        };
    }

    /**
     * The runtime for a new pod. {@code auto} is runc when it is installed, otherwise crun: runc is the one Rocket
     * is tested with everywhere; crun is chosen by name.
     *
     * @throws RocketException UNAVAILABLE when the runtime asked for is not installed or cannot run here
     */
    public RuncRuntime choose(RuntimeChoice choice) throws RocketException {
        return switch (choice) {
            case RUNC -> runc().orElseThrow(() -> missing("runc", "apt-get install runc"));
            case CRUN -> crun();
            case AUTO -> {
                Optional<RuncRuntime> runc = runc();
                if (runc.isPresent()) yield runc.get();
                if (RuncRuntime.onPath("crun").isPresent()) yield crun();
                throw new RocketException(Kind.UNAVAILABLE, "no usable OCI runtime: install runc (apt-get install runc)"
                        + " or crun with util-linux's unshare");
            }
        };
    }

    /**
     * Whether runtime {@code choice} (either, for auto) keeps state for container {@code id}: a look at its state
     * directory, with no process started and no need for the runtime to be installed still.
     */
    public boolean holds(RuntimeChoice choice, String id) {
        if (choice == RuntimeChoice.AUTO) return holds(RuntimeChoice.RUNC, id) || holds(RuntimeChoice.CRUN, id);
        return Files.isDirectory(stateRoot(choice).resolve(id), LinkOption.NOFOLLOW_LINKS);
    }

    private Optional<RuncRuntime> runc() {
        return RuncRuntime.onPath("runc").map(binary -> RuncRuntime.runc(binary, stateRoot(RuntimeChoice.RUNC)));
    }

    /**
     * crun; on a hybrid cgroup host (v1 controllers and a cgroup2 mount, as /proc/self/mountinfo shows) crun 1.8
     * only runs with the cgroup2 mount unmounted in a mount namespace of its own, so it then runs behind
     * {@code unshare -m} where no process of the pod has hidden it already.
     */
    private RuncRuntime crun() throws RocketException {
        Path binary = RuncRuntime.onPath("crun").orElseThrow(() -> missing("crun", "apt-get install crun"));
        Path state = stateRoot(RuntimeChoice.CRUN);
        CgroupLayout layout;
        try {
            layout = CgroupLayout.of(MountTable.read());
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read the host's mounts to check crun: " + e.getMessage(), e);
        }
        if (!layout.isHybrid()) return RuncRuntime.crun(binary, state);
        Path unshare = RuncRuntime.onPath(UNSHARE).orElseThrow(() -> new RocketException(Kind.UNAVAILABLE,
                "crun needs util-linux's unshare on this host (hybrid cgroups): apt-get install util-linux"));
        return RuncRuntime.crunHiding(unshare, layout.v2Mounts(), binary, state);
    }

    private static RocketException missing(String runtime, String install) {
        return new RocketException(Kind.UNAVAILABLE, "the OCI runtime " + runtime + " is not installed: " + install);
    }
}
