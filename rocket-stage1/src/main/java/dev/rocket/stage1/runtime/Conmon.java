package dev.rocket.stage1.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * conmon (from the containers project, as podman uses it) as the parent of one container: it has the runtime
 * create the container, reports the container's PID on the descriptor named by {@value #SYNC_PIPE_VARIABLE}
 * (a line {@code {"pid": N}}; nothing when creation failed), then stays, a few megabytes, as the container's
 * subreaper until the container's process exits, and writes its exit code (128 + signal when killed) to a file.
 * It forks once to detach, so the process that started it returns at once; it never deletes the container.
 * With {@code -l passthrough} the container's standard output and error are the descriptors conmon was given,
 * not copies through it.
 */
public final class Conmon {

    /** The environment variable naming conmon's descriptor for the container's PID. */
    public static final String SYNC_PIPE_VARIABLE = "_OCI_SYNCPIPE";

    private final Path binary;

    public Conmon(Path binary) {
        if (!binary.isAbsolute()) throw new IllegalArgumentException("conmon's path must be absolute: " + binary);
        this.binary = binary;
    }

    /**
     * conmon on PATH, to supervise the containers of {@code runtime}, when that runs directly: conmon runs the
     * runtime itself, so not behind a launcher.
     */
    public static Optional<Conmon> forRuntime(OciRuntime runtime) {
        if (runtime.directCommand().isEmpty()) return Optional.empty();
        return RuncRuntime.onPath("conmon").map(Conmon::new);
    }

    /**
     * The command line that creates container {@code id} from {@code bundle} under conmon. conmon keeps its files
     * in {@code dir}: {@code container.pid}, {@code conmon.pid} and the exit code in {@link #exitFile}.
     */
    public List<String> createArgv(OciRuntime runtime, Path bundle, String id, Path dir) {
        List<String> command = runtime.directCommand().orElseThrow(() -> new IllegalArgumentException(
                runtime.name() + " runs behind a launcher; conmon cannot run it"));
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--cid", id, "--cuuid", id, "--name", id,
                "--runtime", command.getFirst()));
        for (String argument : command.subList(1, command.size())) {
            argv.add("--runtime-arg");
            argv.add(argument);
        }
        argv.addAll(List.of("--bundle", bundle.toAbsolutePath().toString(),
                "--container-pidfile", dir.resolve("container.pid").toString(),
                "--conmon-pidfile", conmonPidFile(dir).toString(),
                "--exit-dir", dir.toString(), "--socket-dir-path", dir.toString(),
                "--log-path", "passthrough", "--log-level", "error"));
        return argv;
    }

    /** Where conmon writes the container's exit code. */
    public static Path exitFile(Path dir, String id) {
        return dir.resolve(id);
    }

    /** Where conmon writes its own PID once it has detached. */
    public static Path conmonPidFile(Path dir) {
        return dir.resolve("conmon.pid");
    }
}
