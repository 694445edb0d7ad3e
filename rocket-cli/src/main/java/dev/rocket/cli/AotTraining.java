package dev.rocket.cli;

import dev.rocket.cli.actool.ActoolCommand;
import dev.rocket.cli.rkt.RktCommand;
import dev.rocket.stage0.LaunchRehearsal;
import org.bouncycastle.openpgp.PGPException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -XX:AOTCacheOutput=F dev.rocket.cli.AotTraining TMPDIR}: the workload {@code bin/lib/java.sh}
 * trains the JDK's AOT cache on (the classes a command loads and links, and their profiles). It runs, in this one
 * JVM and in a throw-away store under TMPDIR, the start-up paths of the short commands: version, list, status,
 * image list, fetch of a local image (also signed, with trust of the signing key made here: Bouncy Castle's
 * OpenPGP classes), prepare, cat-manifest, rm, gc, and run and run-prepared as
 * {@linkplain LaunchRehearsal rehearsals} (as root: the whole start up to the exec of the pod's monitor, then
 * undone; a real start would exec the pod). Output is discarded; a step that fails (e.g. prepare without root) is
 * skipped, since the cache only has to hold what a command would load. Every pod is gc'd at the end, also when
 * a step threw.
 */
public final class AotTraining {

    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: AotTraining TMPDIR");
            System.exit(2);
        }
        train(Path.of(args[0]));
        System.exit(0);
    }

    /** Runs the workload in {@code tmp} (created if missing); leaves no pod, mount or cgroup behind. */
    static void train(Path tmp) throws IOException {
        Path image = tmp.resolve("image");
        Files.createDirectories(image.resolve("rootfs/bin"));
        Files.writeString(image.resolve("rootfs/bin/true"), "");
        Files.writeString(image.resolve("manifest"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/aot-training",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/true"], "user": "0", "group": "0"}}
                """);
        Path aci = tmp.resolve("image.aci");
        actool("build", "--compression=none", image.toString(), aci.toString());
        actool("validate", aci.toString());
        String[] global = {"--dir=" + tmp.resolve("data"), "--local-config=" + tmp.resolve("etc"),
                "--system-config=" + tmp.resolve("lib"), "--insecure-options=image"};
        // the same store with signatures checked: the image is signed by a key made here, trusted for its name
        String[] signed = Arrays.copyOf(global, global.length - 1);
        Path key = tmp.resolve("key.asc");
        try {
            TrainingKey training = TrainingKey.generate("AOT training <aot-training@example.com>");
            training.writePublic(key);
            training.sign(aci, tmp.resolve("image.aci.asc"));
        } catch (PGPException | IOException | RuntimeException e) {
            signed = null; // the signed fetch is then left out; what it loads is only missing from the cache
        }
        try {
            for (int round = 0; round < 2; round++) {
                rkt(global, "version");
                rkt(global, "list");
                rkt(global, "image", "list");
                rkt(global, "fetch", aci.toString());
                rkt(global, "image", "list");
                rkt(global, "image", "list", "--format=json");
                String uuid = rkt(global, "prepare", "example.com/aot-training").strip();
                rkt(global, "list");
                rkt(global, "list", "--format=json");
                if (!uuid.isEmpty()) {
                    rkt(global, "status", uuid);
                    rkt(global, "cat-manifest", uuid);
                    rkt(global, "run-prepared", "--net=none", "--no-such-flag", uuid);
                    rehearse(global, "run-prepared", "--net=none", uuid);
                    rkt(global, "status", uuid);
                    rkt(global, "rm", uuid);
                }
                rkt(global, "run", "--net=none", "--no-such-flag", "example.com/aot-training");
                rehearse(global, "run", "--net=none", "example.com/aot-training");
                rkt(global, "status", "no-such-pod");
                rkt(global, "gc", "--grace-period=0s");
                rkt(global, "image", "rm", "example.com/aot-training");
                if (signed != null) {
                    rkt(signed, "trust", "--prefix=example.com/aot-training", "--skip-fingerprint-review", key.toString());
                    rkt(signed, "fetch", "--render", aci.toString());
                    rkt(signed, "image", "rm", "example.com/aot-training");
                }
            }
            rkt(new String[0], "--help");
        } finally {
            rkt(global, "gc", "--grace-period=0s");
        }
    }

    /** Runs one rkt command line with its pod start rehearsed. */
    private static void rehearse(String[] global, String... args) {
        LaunchRehearsal.call(() -> rkt(global, args));
    }

    private static void actool(String... args) {
        new CommandRunner("actool").run(new ActoolCommand(), SINK, SINK, args);
    }

    /** Runs one rkt command line; its standard output. */
    private static String rkt(String[] global, String... args) {
        String[] all = new String[global.length + args.length];
        System.arraycopy(global, 0, all, 0, global.length);
        System.arraycopy(args, 0, all, global.length, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CommandRunner("rkt").run(new RktCommand(), new PrintStream(out, true, StandardCharsets.UTF_8), SINK, all);
        } catch (RuntimeException e) {
            // a step that cannot run here (no root, no runtime) still loaded what it got to
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
