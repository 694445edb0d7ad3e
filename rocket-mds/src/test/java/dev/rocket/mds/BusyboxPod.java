package dev.rocket.mds;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real container run by runc from the host's static busybox, in the host's network namespace (as
 * {@code --net=host} would), that runs one shell script and reports what it printed. Its runc state lives under
 * the given directory, and {@link #run} deletes the container whatever happens.
 */
final class BusyboxPod {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path work;

    BusyboxPod(Path work) {
        this.work = work;
    }

    record Result(int exitCode, String out, String err) {
    }

    Result run(String script, Map<String, String> environment) throws Exception {
        String id = "rocket-mds-test-" + UUID.randomUUID();
        Path bundle = Files.createDirectories(work.resolve(id));
        Path rootfs = bundle.resolve("rootfs");
        for (String dir : List.of("bin", "proc", "dev", "sys", "tmp")) Files.createDirectories(rootfs.resolve(dir));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        check(new ProcessBuilder("runc", "spec", "--bundle", bundle.toString()));
        writeConfig(bundle.resolve("config.json"), script, environment);
        Path state = work.resolve("runc-state");
        Process runc = new ProcessBuilder("runc", "--root", state.toString(), "run", "--bundle", bundle.toString(), id)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(bundle.resolve("out").toFile()).redirectError(bundle.resolve("err").toFile()).start();
        try {
            if (!runc.waitFor(5, TimeUnit.MINUTES)) throw new AssertionError("the pod did not end");
            return new Result(runc.exitValue(), Files.readString(bundle.resolve("out")), Files.readString(bundle.resolve("err")));
        } finally {
            runc.destroyForcibly();
            runc.waitFor();
            new ProcessBuilder("runc", "--root", state.toString(), "delete", "--force", id)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static void writeConfig(Path config, String script, Map<String, String> environment) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
        ObjectNode process = (ObjectNode) root.get("process");
        process.put("terminal", false);
        ArrayNode args = process.putArray("args");
        args.add("/bin/busybox").add("sh").add("-c").add(script);
        ArrayNode env = process.putArray("env");
        env.add("PATH=/bin");
        environment.forEach((name, value) -> env.add(name + "=" + value));
        ArrayNode namespaces = (ArrayNode) root.get("linux").get("namespaces");
        List<Integer> network = new ArrayList<>();
        for (int i = 0; i < namespaces.size(); i++) {
            if (namespaces.get(i).path("type").asText().equals("network")) network.add(i);
        }
        for (int i = network.size() - 1; i >= 0; i--) namespaces.remove(network.get(i));
        JSON.writeValue(config.toFile(), root);
    }

    private static void check(ProcessBuilder command) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new AssertionError(command.command() + " failed: " + output);
    }
}
