package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs real pods for tests: busybox images built with actool, and {@code rkt} in a child JVM on the test class
 * path (rkt replaces its JVM with the pod), over one data directory.
 */
record PodTestKit(Path dir) {

    /** A busybox image at {@code layout}: /bin/busybox, /bin/sh, a passwd and group with root and user 1000. */
    static Path busyboxImage(Path layout, String manifest) throws IOException {
        return busyboxImage(layout, manifest, rootfs -> { });
    }

    interface RootfsChange {
        void apply(Path rootfs) throws IOException;
    }

    /** The same, with {@code change} applied to the rootfs before the image is built. */
    static Path busyboxImage(Path layout, String manifest, RootfsChange change) throws IOException {
        Files.createDirectories(layout.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), layout.resolve("rootfs/bin/busybox"));
        Files.createSymbolicLink(layout.resolve("rootfs/bin/sh"), Path.of("busybox"));
        Files.createDirectories(layout.resolve("rootfs/etc"));
        Files.writeString(layout.resolve("rootfs/etc/passwd"), "root:x:0:0:root:/:/bin/sh\nuser:x:1000:1000::/:/bin/sh\n");
        Files.writeString(layout.resolve("rootfs/etc/group"), "root:x:0:\nuser:x:1000:\nstaff:x:50:\n");
        Files.writeString(layout.resolve("manifest"), manifest);
        change.apply(layout.resolve("rootfs"));
        Path image = layout.resolveSibling(layout.getFileName() + ".aci");
        CliRun build = CliRun.actool("build", layout.toString(), image.toString());
        assertEquals(0, build.exitCode(), build.err());
        return image;
    }

    /** rkt in-process, for commands that do not become a pod. */
    CliRun rkt(String... args) {
        List<String> all = new ArrayList<>(List.of("--dir=" + dir, "--insecure-options=image"));
        all.addAll(List.of(args));
        return CliRun.rkt(all.toArray(String[]::new));
    }

    ProcessBuilder rktProcess(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RktCommand.class.getName(), "--dir=" + dir, "--insecure-options=image"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    record Finished(int exitCode, String out, String err) {
    }

    /** rkt in a child JVM, to its end. */
    Finished run(String... args) throws Exception {
        Process process = rktProcess(args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "rkt did not end");
        return new Finished(process.exitValue(), out, err);
    }

    record Started(Process process, String uuid) {
    }

    /** Starts {@code rkt run ARGS} and waits until the pod shows as running with its process recorded. */
    Started start(String name, String... args) throws Exception {
        Path uuidFile = dir.resolve(name + ".uuid");
        List<String> all = new ArrayList<>(List.of("run", "--uuid-file-save=" + uuidFile));
        all.addAll(List.of(args));
        Process process = rktProcess(all.toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 2400; i++) { // two minutes: a loaded machine starts pods slowly
            Thread.sleep(50);
            if (Files.exists(uuidFile) && !Files.readString(uuidFile).isBlank()) {
                String uuid = Files.readString(uuidFile).trim();
                CliRun status = rkt("status", uuid);
                if (status.out().contains("state=running") && status.out().contains("pid=")) {
                    Thread.sleep(500); // the monitor sets its signal handlers right after recording its PID
                    return new Started(process, uuid);
                }
            }
        }
        throw new AssertionError("the pod never showed as running");
    }

    /** {@code bin}, made now, with links to every program of /usr/bin but {@code program}: a PATH without it. */
    static Path usrBinWithout(Path bin, String program) throws IOException {
        Files.createDirectory(bin);
        try (Stream<Path> programs = Files.list(Path.of("/usr/bin"))) {
            for (Path other : programs.filter(p -> !p.getFileName().toString().equals(program)).toList()) {
                Files.createSymbolicLink(bin.resolve(other.getFileName()), other);
            }
        }
        return bin;
    }

    /** The names of the processes of {@code pid}'s tree that are in this PID namespace (the host side), sorted. */
    static List<String> hostSide(long pid) throws IOException {
        Path hostPidNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
        List<Long> tree = new ArrayList<>(List.of(pid));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            long current = tree.get(i);
            try {
                if (!Files.readSymbolicLink(Path.of("/proc/" + current + "/ns/pid")).equals(hostPidNamespace)) continue;
                names.add(Files.readString(Path.of("/proc/" + current + "/comm")).strip());
            } catch (IOException gone) {
                continue;
            }
            ProcessHandle.of(current).ifPresent(handle -> handle.children().forEach(child -> tree.add(child.pid())));
        }
        return names.stream().sorted().toList();
    }

    /** After gc: no pod, runtime container, mount or cgroup of this directory's pods is left. */
    void assertNothingLeft() throws Exception {
        assertEquals("", rkt("list", "--no-legend").out());
        Process runc = new ProcessBuilder("runc", "--root", dir.resolve("runtime").toString(), "list", "-q").start();
        assertEquals("", new String(runc.getInputStream().readAllBytes()).trim());
        if (Files.isDirectory(dir.resolve("runtime-crun"))) {
            try (var containers = Files.list(dir.resolve("runtime-crun"))) {
                assertEquals(List.of(), containers.toList(), "crun's containers");
            }
        }
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(dir.toString()), mounts);
        try (var cgroups = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            assertEquals(List.of(), cgroups.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith("rocket-")).toList());
        }
    }
}
