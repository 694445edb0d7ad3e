package dev.rocket.stage1.runtime;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.Signal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An OCI runtime (runc, crun) that isolates and runs the containers of OCI bundles. Rocket keeps its containers
 * in its own state directory, apart from any other user of the same runtime.
 */
public interface OciRuntime {

    /** The runtime's name, such as {@code runc}. */
    String name();

    /**
     * Whether a relative {@code cgroupsPath} lands below the runtime's own cgroup in each hierarchy (runc) rather
     * than below the hierarchy's root (crun's cgroupfs manager).
     */
    default boolean nestsCgroupsUnderOwn() {
        return true;
    }

    /**
     * Mount points this runtime must not see (crun 1.8 on a hybrid cgroup host: the cgroup2 mount); empty for most.
     * A process that unmounts them in a mount namespace of its own can run {@link #withMountsHidden()}.
     */
    default List<Path> hiddenMounts() {
        return List.of();
    }

    /** This runtime as run by a process that no longer sees {@link #hiddenMounts()}: without a launcher hiding them. */
    default OciRuntime withMountsHidden() {
        return this;
    }

    /** Creates and starts the container in the foreground, waits for it and returns its exit code. */
    int run(Path bundle, String id, Stdio stdio) throws RocketException;

    /**
     * The command line that runs the container in the foreground, for a caller that {@code execve}s into it
     * so that no JVM stays resident beside the pod. The first element is the absolute program path.
     */
    List<String> runArgv(Path bundle, String id);

    /**
     * Like {@link #runArgv}, but the exited container (with its cgroup, where the kernel counted its
     * out-of-memory kills) stays until {@link #deleteArgv} runs; empty when the runtime cannot keep it.
     */
    Optional<List<String>> runKeepingArgv(Path bundle, String id);

    /** The command line that starts the process of a created container and returns. */
    List<String> startArgv(String id);

    /**
     * The runtime's program and the global arguments every command of it begins with (such as its state
     * directory), for a supervisor that runs the runtime itself (conmon); empty when the runtime only runs
     * behind a launcher command.
     */
    Optional<List<String>> directCommand();

    /** The command line that deletes an exited container. */
    List<String> deleteArgv(String id);

    /**
     * The command line that runs {@code command} in the running container {@code id}, in its environment, for a
     * caller that {@code execve}s into it ({@code rkt enter}); with {@code tty}, on a new terminal.
     */
    List<String> execArgv(String id, boolean tty, List<String> command);

    /** The command line that sends {@code signal} (a name such as {@code TERM}) to a running container. */
    List<String> killArgv(String id, String signal);

    /** Creates the container without starting its process; the process's stdio is {@code stdio}. */
    void create(Path bundle, String id, Stdio stdio) throws RocketException;

    /** Starts the process of a created container. */
    void start(String id) throws RocketException;

    /** The container's state; NOT_FOUND when the runtime does not know it. */
    ContainerState state(String id) throws RocketException;

    /** Sends {@code signal} to the container's init process. */
    void kill(String id, Signal signal) throws RocketException;

    /** Deletes the container; with {@code force}, kills it first if it still runs. */
    void delete(String id, boolean force) throws RocketException;
}
