package dev.rocket.cli;

import dev.rocket.base.Trace;
import dev.rocket.cli.actool.ActoolCommand;
import dev.rocket.cli.rkt.RktCommand;
import dev.rocket.pod.PodLayout;
import dev.rocket.pod.PodPhase;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.stage0.LaunchRehearsal;
import dev.rocket.stage1.isolation.IsolatorReport;
import dev.rocket.stage1.oci.OciBundle;
import org.bouncycastle.openpgp.PGPException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java [-XX:AOTCacheOutput=F] dev.rocket.cli.AotTraining STEP WORKDIR}: the workloads {@code bin/lib/java.sh}
 * trains the JDK's AOT caches on. A cache made with class linking has every class it holds loaded at each start,
 * wanted or not (rkt list loaded 2900 classes from a cache of every command, 1400 from its own: ~50 ms), so the
 * commands whose start-up matters most get a cache of their own and the rest share one.
 *
 * <p>The steps run one after another, each in its own JVM, in one throw-away store under WORKDIR, each leaving
 * what the next needs: {@code setup} (no cache) builds a small image and signs it with a key made here;
 * {@code fetch} fetches the image, unsigned and signed (trusting the key), and leaves it fetched; {@code fetch-remote}
 * does the same from a loopback HTTPS server ({@link TrainingTls}; the JDK's HTTP client and TLS); {@code start}
 * prepares pods, runs and runs prepared ones as {@linkplain LaunchRehearsal rehearsals} (as root: the whole start up
 * to the exec of the pod's monitor, then undone), removes and gc's them, and leaves one prepared pod;
 * {@code list}, {@code status} and {@code image-list} run their command; {@code general} runs the other commands
 * (version, help, cat-manifest, image export and rm, rm, gc, actool's) and leaves the store empty. Output is
 * discarded; a command that fails (e.g. prepare without root) is skipped, since a cache only has to hold what a
 * command would load.
 */
public final class AotTraining {

    /** The steps that make a cache, in the order they run; bin/lib/java.sh names its caches after them. */
    public static final List<String> WORKLOADS = List.of("fetch", "fetch-remote", "start", "list", "status", "image-list", "general");

    /** Not a step: the fetch-remote step's HTTPS server, run in a child JVM ({@link TrainingTls}). */
    static final String SERVE_TLS = "serve-tls";

    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());
    private static final String IMAGE = "example.com/aot-training";
    /** The name of the image's app: the last part of its name. */
    private static final String APP = "aot-training";
    /** The file naming the directory of the pod {@link #leaveRunningPod} left. */
    private static final String RUNNING_POD = "running-pod";

    private final Path work;
    private final String[] global;
    private final String[] signed;

    private AotTraining(Path work) {
        this.work = work;
        this.signed = new String[]{"--dir=" + work.resolve("data"), "--local-config=" + work.resolve("etc"),
                "--system-config=" + work.resolve("lib")};
        this.global = new String[]{signed[0], signed[1], signed[2], "--insecure-options=image"};
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length == 3 && args[0].equals(SERVE_TLS)) {
            TrainingTls.serve(Path.of(args[1]), Path.of(args[2]));
            System.exit(0);
        }
        if (args.length != 2) {
            System.err.println("usage: AotTraining setup|" + String.join("|", WORKLOADS) + " WORKDIR");
            System.exit(2);
        }
        new AotTraining(Path.of(args[1])).run(args[0]);
        System.exit(0);
    }

    /** Runs one step in the work dir (made by setup). */
    void run(String step) throws IOException {
        switch (step) {
            case "setup" -> setup();
            case "fetch" -> twice(this::fetchCommands);
            case "fetch-remote" -> fetchRemote();
            case "start" -> {
                try {
                    twice(this::startCommands);
                } finally {
                    rkt(global, "gc", "--grace-period=0s");
                }
                rkt(global, "prepare", IMAGE); // for the next steps to show
                leaveExitedPod();
                leaveRunningPod();
            }
            case "list" -> whileRunning(() -> twice(() -> {
                rkt(global, "list");
                rkt(global, "list", "--no-legend", "--full");
            }));
            case "status" -> whileRunning(() -> twice(() -> {
                rkt(global, "status", pod("prepared"));
                rkt(global, "status", pod("exited"));
                rkt(global, "status", pod("running"));
                rkt(global, "status", "no-such-pod");
            }));
            case "image-list" -> twice(() -> {
                rkt(global, "image", "list");
                rkt(global, "image", "list", "--no-legend", "--full");
            });
            case "general" -> {
                try {
                    twice(this::generalCommands);
                } finally {
                    rkt(global, "rm", pod("prepared"));
                    rkt(global, "gc", "--grace-period=0s");
                    rkt(global, "image", "rm", IMAGE);
                }
            }
            default -> throw new IllegalArgumentException("no training step " + step);
        }
    }

    /** Twice: the second round runs what the first compiled, for the profiles. */
    private static void twice(Runnable round) {
        round.run();
        round.run();
    }

    private Path aci() {
        return work.resolve("image.aci");
    }

    private Path key() {
        return work.resolve("key.asc");
    }

    private void setup() throws IOException {
        Path image = work.resolve("image");
        Files.createDirectories(image.resolve("rootfs/bin"));
        Files.writeString(image.resolve("rootfs/bin/true"), "");
        Files.writeString(image.resolve("manifest"), """
                {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "%s",
                 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
                 "app": {"exec": ["/bin/true"], "user": "0", "group": "0"}}
                """.formatted(IMAGE));
        actool("build", "--compression=none", image.toString(), aci().toString());
        try {
            TrainingKey training = TrainingKey.generate("AOT training <aot-training@example.com>");
            training.writePublic(key());
            training.sign(aci(), work.resolve("image.aci.asc"));
        } catch (PGPException | IOException | RuntimeException e) {
            // the signed fetch is then left out; what it loads is only missing from the fetch cache
        }
        try {
            TrainingTls.generate(work);
        } catch (IOException | GeneralSecurityException | InterruptedException | RuntimeException e) {
            // the HTTPS fetch is then left out, as above
        }
    }

    /**
     * The fetch-remote step: where setup made the certificate, the image fetched from a loopback HTTPS server,
     * unsigned and signed (the key trusted by the fetch step); it leaves the image fetched, from the file.
     */
    private void fetchRemote() {
        if (!TrainingTls.generated(work)) return; // the image stays as the fetch step left it
        rkt(global, "image", "rm", IMAGE);
        try (TrainingTls server = TrainingTls.start(work, work)) {
            String url = server.url(aci().getFileName().toString());
            twice(() -> {
                if (!rkt(global, "fetch", url).isBlank()) Trace.mark("training: fetched over HTTPS");
                rkt(global, "image", "rm", IMAGE);
                if (Files.isRegularFile(key())) {
                    if (!rkt(signed, "fetch", "--render", url).isBlank()) Trace.mark("training: fetched over HTTPS, signed");
                    rkt(signed, "image", "rm", IMAGE);
                }
            });
        } catch (IOException e) {
            // no server: the cache holds what the step got to
        } finally {
            rkt(global, "fetch", aci().toString()); // for start to run
        }
    }

    private void fetchCommands() {
        rkt(global, "fetch", aci().toString());
        rkt(global, "image", "rm", IMAGE);
        if (Files.isRegularFile(key())) {
            rkt(signed, "trust", "--prefix=" + IMAGE, "--skip-fingerprint-review", key().toString());
            rkt(signed, "fetch", "--render", aci().toString());
            rkt(signed, "image", "rm", IMAGE);
        }
        rkt(global, "fetch", aci().toString()); // for start to run
    }

    private void startCommands() {
        String uuid = rkt(global, "prepare", IMAGE).strip();
        if (!uuid.isEmpty()) {
            rkt(global, "run-prepared", "--net=none", "--no-such-flag", uuid);
            rehearse("run-prepared", "--net=none", uuid);
            rkt(global, "rm", uuid);
        }
        rkt(global, "run", "--net=none", "--no-such-flag", IMAGE);
        rehearse("run", "--net=none", IMAGE);
        rkt(global, "gc", "--grace-period=0s");
    }

    /**
     * A pod as one that ran and exited leaves it (a rehearsal cannot leave one): in the run phase, its lock free,
     * its app's exit status and isolator report written, which status reads.
     */
    private void leaveExitedPod() {
        try {
            PodLayout layout = new PodLayout(work.resolve("data"));
            PodUuid uuid = PodUuid.parse(rkt(global, "prepare", IMAGE).strip());
            Path exited = layout.pod(PodPhase.RUN, uuid);
            Files.createDirectories(exited.getParent());
            Files.move(layout.pod(PodPhase.PREPARED, uuid), exited);
            Files.createDirectories(exited.resolve(PodLayout.EXIT_STATUSES));
            Files.writeString(exited.resolve(PodLayout.EXIT_STATUSES).resolve(APP), "0");
            OciBundle app = new OciBundle(exited.resolve(PodLayout.APPS).resolve(APP));
            Files.createDirectories(app.directory());
            Files.writeString(app.isolatorsFile(), new IsolatorReport(APP, List.of(
                    new IsolatorReport.Entry("capabilities", IsolatorReport.Outcome.ENFORCED, "the default set"))).toJson());
        } catch (SpecException | IOException e) {
            // without it, list and status load those classes from the jars
        }
    }

    /**
     * A second pod as one that runs would leave it, but for its process: in the run phase, with the networks it
     * joined recorded ({@code networks}); {@link #whileRunning} then holds its lock, so that list and status take
     * a running pod's paths (its lock in /proc/locks, its PID and networks).
     */
    private void leaveRunningPod() {
        try {
            PodLayout layout = new PodLayout(work.resolve("data"));
            PodUuid uuid = PodUuid.parse(rkt(global, "prepare", IMAGE).strip());
            Path running = layout.pod(PodPhase.RUN, uuid);
            Files.move(layout.pod(PodPhase.PREPARED, uuid), running);
            Files.writeString(running.resolve("networks"), "default\teth0\t172.16.28.2/24\t172.16.28.1\n");
            Files.writeString(work.resolve(RUNNING_POD), running.toString());
        } catch (SpecException | IOException e) {
            // without it, list and status load a running pod's classes from the jars
        }
    }

    /**
     * Runs {@code steps} while util-linux's {@code flock} holds the lock of the pod {@link #leaveRunningPod} left
     * (until its {@code cat} reads the end of its input), with the holder's PID as the pod's.
     */
    private void whileRunning(Runnable steps) throws IOException {
        Path marker = work.resolve(RUNNING_POD);
        if (!Files.isRegularFile(marker)) {
            steps.run();
            return;
        }
        Path pod = Path.of(Files.readString(marker));
        Process holder;
        try {
            holder = new ProcessBuilder("flock", "--exclusive", pod.toString(), "cat")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            steps.run(); // no flock: the pod shows as exited
            return;
        }
        try {
            Files.writeString(pod.resolve(PodLayout.PID), holder.pid() + "\n");
            boolean shown = false;
            for (int i = 0; i < 100 && !shown; i++) {
                shown = rkt(global, "list", "--no-legend", "--full").contains("running");
                if (!shown) Thread.sleep(20);
            }
            if (shown) Trace.mark("training: a pod shows as running");
            steps.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holder.getOutputStream().close();
            try {
                if (!holder.waitFor(10, TimeUnit.SECONDS)) holder.destroyForcibly();
            } catch (InterruptedException e) {
                holder.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The UUID of a pod start left in {@code state} (prepared, exited or running), or "" (status then fails). */
    private String pod(String state) {
        for (String line : rkt(global, "list", "--no-legend", "--full").split("\n")) {
            if (line.contains(state)) return line.split("\\s", 2)[0];
        }
        return "";
    }

    private void generalCommands() {
        rkt(global, "version");
        rkt(new String[0], "--help");
        rkt(global, "list", "--format=json");
        String uuid = pod("prepared");
        rkt(global, "status", "--format=json", uuid);
        rkt(global, "cat-manifest", uuid);
        rkt(global, "image", "cat-manifest", IMAGE);
        rkt(global, "image", "export", "--overwrite", IMAGE, work.resolve("exported.aci").toString());
        rkt(global, "image", "verify", IMAGE);
        rkt(global, "gc", "--grace-period=0s");
        Path built = work.resolve("built.aci");
        actool("build", "--overwrite", "--compression=none", work.resolve("image").toString(), built.toString());
        actool("validate", built.toString());
        actool("cat-manifest", built.toString());
        actool("--help");
    }

    /** Runs one rkt command line with its pod start rehearsed. */
    private void rehearse(String... args) {
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
