package dev.rocket.stage1.runtime;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.Signal;
import dev.rocket.stage1.oci.OciConfigTranslator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Drives runc, or crun, which has the same command line, as child processes; each call is one run of the
 * runtime binary with {@code --root} set to Rocket's own state directory. For crun on a hybrid cgroup host the
 * runtime runs behind a launcher that hides the cgroup2 mount in a private mount namespace.
 */
public final class RuncRuntime implements OciRuntime {

    private final String name;
    private final List<String> launcher;
    private final Path binary;
    private final Path stateRoot;
    private final List<Path> hiddenMounts;

    /**
     * A runtime run as {@code launcher + binary + --root stateRoot ...}.
     *
     * @param launcher a command line that executes its remaining arguments, or empty
     */
    public RuncRuntime(String name, List<String> launcher, Path binary, Path stateRoot) {
        this(name, launcher, binary, stateRoot, List.of());
    }

    private RuncRuntime(String name, List<String> launcher, Path binary, Path stateRoot, List<Path> hiddenMounts) {
        if (!binary.isAbsolute() || !stateRoot.isAbsolute()) {
            throw new IllegalArgumentException("the runtime binary and state root must be absolute: " + binary + ", " + stateRoot);
        }
        this.name = name;
        this.launcher = List.copyOf(launcher);
        this.binary = binary;
        this.stateRoot = stateRoot;
        this.hiddenMounts = List.copyOf(hiddenMounts);
    }

    /** runc at {@code binary}, keeping its state in {@code stateRoot}. */
    public static RuncRuntime runc(Path binary, Path stateRoot) {
        return new RuncRuntime("runc", List.of(), binary, stateRoot);
    }

    /** crun at {@code binary} on a host whose cgroup layout it accepts. */
    public static RuncRuntime crun(Path binary, Path stateRoot) {
        return new RuncRuntime("crun", List.of(), binary, stateRoot);
    }

    /**
     * crun at {@code binary} on a hybrid cgroup host: it refuses to run while it sees {@code cgroup2Mounts}, so it
     * runs behind {@code unshare}, which hides them in a mount namespace of its own for each command.
     */
    public static RuncRuntime crunHiding(Path unshare, List<Path> cgroup2Mounts, Path binary, Path stateRoot) {
        return new RuncRuntime("crun", hidingLauncher(unshare, cgroup2Mounts), binary, stateRoot, cgroup2Mounts);
    }

    @Override
    public boolean nestsCgroupsUnderOwn() {
        return !name.equals("crun");
    }

    @Override
    public List<Path> hiddenMounts() {
        return hiddenMounts;
    }

    @Override
    public RuncRuntime withMountsHidden() {
        return launcher.isEmpty() ? this : new RuncRuntime(name, List.of(), binary, stateRoot, hiddenMounts);
    }

    /** {@code unshare} into a private mount namespace, unmount the cgroup2 hierarchies, then exec the rest. */
    static List<String> hidingLauncher(Path unshare, List<Path> cgroup2Mounts) {
        StringBuilder script = new StringBuilder();
        for (Path mount : cgroup2Mounts) script.append("umount '").append(mount).append("' && ");
        script.append("exec \"$0\" \"$@\"");
        return List.of(unshare.toString(), "-m", "--propagation", "private", "/bin/sh", "-c", script.toString());
    }

    /** The first executable {@code program} in the directories of PATH. */
    public static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse(OciConfigTranslator.DEFAULT_PATH);
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) continue;
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate.toAbsolutePath());
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return name;
    }

    public Path stateRoot() {
        return stateRoot;
    }

    @Override
    public int run(Path bundle, String id, Stdio stdio) throws RocketException {
        Process process = startProcess(runArgv(bundle, id), stdio);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new RocketException(Kind.INTERNAL, "interrupted while container " + id + " ran", e);
        }
    }

    @Override
    public List<String> killArgv(String id, String signal) {
        return command("kill", id, signal);
    }

    @Override
    public List<String> execArgv(String id, boolean tty, List<String> command) {
        List<String> argv = new ArrayList<>(command("exec"));
        if (tty) argv.add("--tty");
        argv.add(id);
        argv.addAll(command);
        return argv;
    }

    @Override
    public List<String> runArgv(Path bundle, String id) {
        return command("run", "--bundle", bundle.toAbsolutePath().toString(), id);
    }

    /** runc has {@code run --keep}; crun 1.8 has not. */
    @Override
    public Optional<List<String>> runKeepingArgv(Path bundle, String id) {
        if (!name.equals("runc")) return Optional.empty();
        return Optional.of(command("run", "--keep", "--bundle", bundle.toAbsolutePath().toString(), id));
    }

    @Override
    public List<String> startArgv(String id) {
        return command("start", id);
    }

    /** {@code binary --root STATE}; empty behind a launcher (crun on a hybrid cgroup host). */
    @Override
    public Optional<List<String>> directCommand() {
        return launcher.isEmpty() ? Optional.of(command()) : Optional.empty();
    }

    @Override
    public List<String> deleteArgv(String id) {
        return command("delete", id);
    }

    @Override
    public void create(Path bundle, String id, Stdio stdio) throws RocketException {
        // The container keeps the given stdio, so runc's own error output cannot be captured here.
        Process process = startProcess(command("create", "--bundle", bundle.toAbsolutePath().toString(), id), stdio);
        int code = await(process, id);
        if (code != 0) {
            throw new RocketException(Kind.INTERNAL, name + " could not create container " + id + " from bundle "
                    + bundle + " (exit code " + code + "); see its error output");
        }
    }

    @Override
    public void start(String id) throws RocketException {
        control(id, "start", id);
    }

    @Override
    public ContainerState state(String id) throws RocketException {
        return ContainerState.parse(control(id, "state", id));
    }

    @Override
    public void kill(String id, Signal signal) throws RocketException {
        control(id, "kill", id, signal.name());
    }

    @Override
    public void delete(String id, boolean force) throws RocketException {
        if (force) {
            control(id, "delete", "--force", id);
        } else {
            control(id, "delete", id);
        }
    }

    private List<String> command(String... arguments) {
        List<String> argv = new ArrayList<>(launcher);
        argv.add(binary.toString());
        argv.add("--root");
        argv.add(stateRoot.toString());
        argv.addAll(List.of(arguments));
        return argv;
    }

    /**
     * Runs a short runtime command on container {@code id} and returns its output; a failure carries the runtime's
     * error message. A container without a state directory (runc and crun keep one per container under the root)
     * is NOT_FOUND without asking the runtime, whose words for that differ.
     */
    private String control(String id, String... arguments) throws RocketException {
        if (!Files.isDirectory(stateRoot.resolve(id))) {
            throw new RocketException(Kind.NOT_FOUND, name + " has no container " + id);
        }
        ProcessBuilder builder = new ProcessBuilder(command(arguments)).redirectInput(Redirect.from(new File("/dev/null")));
        Process process;
        try {
            Files.createDirectories(stateRoot);
            process = builder.start();
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot run " + binary + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> error = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String output = readAll(process.getInputStream());
        int code = await(process, id);
        if (code != 0) {
            String message = error.join().strip();
            Kind kind = message.contains("does not exist") || message.contains("not found") ? Kind.NOT_FOUND : Kind.INTERNAL;
            throw new RocketException(kind, name + " " + arguments[0] + " of container " + id + " failed: "
                    + (message.isEmpty() ? "exit code " + code : message));
        }
        return output;
    }

    private Process startProcess(List<String> argv, Stdio stdio) throws RocketException {
        try {
            Files.createDirectories(stateRoot);
            return new ProcessBuilder(argv).redirectInput(stdio.in()).redirectOutput(stdio.out())
                    .redirectError(stdio.err()).start();
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot run " + binary + ": " + e.getMessage(), e);
        }
    }

    private static int await(Process process, String id) throws RocketException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.INTERNAL, "interrupted while waiting for the runtime on container " + id, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
