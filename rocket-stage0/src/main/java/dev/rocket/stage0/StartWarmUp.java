package dev.rocket.stage0;

import dev.rocket.base.Trace;
import dev.rocket.os.linux.SystemCalls;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.stage1.isolation.IsolatorReport;

/**
 * Start-up work of {@code rkt run}, {@code prepare} and {@code run-prepared} done on a second thread while the
 * command's own thread opens the image store (sqlite-jdbc: its native library and date formats, 100-200 ms):
 * the one downcall a start's system calls go through is linked ({@link SystemCalls}; the first FFM downcall
 * spins its stub classes, ~120 ms) and Jackson's manifest reading and pretty writing are loaded (~75 ms). It has
 * no effect but loaded classes; what fails here is ignored, and the start meets it again where it really binds
 * or parses (a native function the C library lacks then shows as a {@link NoClassDefFoundError} whose cause
 * names it). A third thread gains nothing on two cores (measured).
 *
 * <p>The command's thread {@linkplain #await waits} for it before it first uses either, so that no class is
 * initialized from both threads at once from opposite ends of a dependency (the JVM's class initialization
 * locks would then deadlock).
 */
public final class StartWarmUp {

    /** An image manifest like any small image's, for the reader's code paths. */
    private static final String MANIFEST = """
            {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/warm-up",
             "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
             "app": {"exec": ["/bin/true"], "user": "0", "group": "0"}}
            """;

    private final Thread thread;

    private StartWarmUp(Thread thread) {
        this.thread = thread;
    }

    /**
     * Links the system-call downcall on a daemon thread of its own from {@code main}, before picocli builds and
     * parses the command line (~250 ms that the second core would otherwise idle through): it touches only
     * rocket-os and the JDK's FFM classes, which parsing never does, so no class is initialized from both threads.
     * {@link #begin}'s thread then finds the handle linked, or waits on its class initialization until it is.
     */
    public static void linkSystemCallsEarly() {
        Thread.ofPlatform().daemon().name("rkt-system-call-link").start(() -> {
            try {
                SystemCalls.warmUp();
                Trace.mark("early warm-up: system calls linked");
            } catch (Exception | LinkageError e) {
                // as in run(): the start meets and reports the same failure
            }
        });
    }

    /** Starts the work on a daemon thread. */
    public static StartWarmUp begin() {
        return new StartWarmUp(Thread.ofPlatform().daemon().name("rkt-start-warm-up").start(StartWarmUp::run));
    }

    /** Waits until the work is done (it ends by itself; an interrupt only stops the waiting). */
    public void await() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Trace.mark("warm-up joined");
    }

    private static void run() {
        try {
            // the pod lock, descriptors, mounts and the exec all call through it
            SystemCalls.warmUp();
            Trace.mark("warm-up: system calls linked");
            ImageManifest.parse(MANIFEST).toJson(true);
            new IsolatorReport.Builder("warm-up").enforced("seccomp", "warm-up").build().toJson();
            Trace.mark("warm-up: JSON loaded");
        } catch (Exception | LinkageError e) {
            // only time was to be saved; the start itself meets and reports the same failure
        }
    }
}
