package dev.rocket.stage0;

import dev.rocket.base.Trace;
import dev.rocket.os.linux.SystemCalls;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.stage1.isolation.IsolatorReport;
import dev.rocket.store.index.SqliteImageIndex;

/**
 * Start-up work of {@code rkt run}, {@code prepare} and {@code run-prepared} done on a second thread while the
 * command's own thread parses the command line and opens the image store: the one downcall a start's system
 * calls go through is linked ({@link SystemCalls}; the first FFM downcall spins its stub classes, ~120 ms),
 * sqlite-jdbc's native library and date format are loaded (~50-100 ms, when started from {@code main}), and
 * Jackson's manifest reading and pretty writing are loaded (~75 ms). It has no effect but loaded classes; what
 * fails here is ignored, and the start meets it again where it really binds or parses (a native function the C
 * library lacks then shows as a {@link NoClassDefFoundError} whose cause names it). A third thread gains nothing
 * on two cores (measured).
 *
 * <p>The command's thread {@linkplain #await waits} for it before it first uses the system calls or JSON, so that
 * no class is initialized from both threads at once from opposite ends of a dependency (the JVM's class
 * initialization locks would then deadlock).
 */
public final class StartWarmUp {

    /** An image manifest like any small image's, for the reader's code paths. */
    private static final String MANIFEST = """
            {"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/warm-up",
             "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
             "app": {"exec": ["/bin/true"], "user": "0", "group": "0"}}
            """;

    /** The warm-up {@link #beginFromMain} started from {@code main}, which {@link #begin} then joins. */
    private static volatile Thread early;

    private final Thread thread;

    private StartWarmUp(Thread thread) {
        this.thread = thread;
    }

    /**
     * Starts the whole warm-up on a daemon thread of its own from {@code main}, before picocli builds and parses
     * the command line (~250 ms that the second core would otherwise idle through): the system-call downcall is
     * linked, SQLite's native library and date format loaded ({@link SqliteImageIndex#warmUp}), then Jackson's
     * manifest classes. Parsing touches none of rocket-os, sqlite-jdbc, Jackson or the spec's manifest classes,
     * so no class is initialized from both threads; {@link #begin} then joins this thread instead of starting
     * one, and the store's open finds sqlite-jdbc's library loaded and its format cached.
     */
    public static void beginFromMain() {
        early = Thread.ofPlatform().daemon().name("rkt-start-warm-up").start(() -> {
            linkSystemCalls();
            SqliteImageIndex.warmUp();
            Trace.mark("warm-up: SQLite loaded");
            loadJson();
        });
    }

    /** The warm-up {@link #beginFromMain} started, or else one started now on a daemon thread. */
    public static StartWarmUp begin() {
        Thread started = early;
        if (started != null) return new StartWarmUp(started);
        return new StartWarmUp(Thread.ofPlatform().daemon().name("rkt-start-warm-up").start(() -> {
            linkSystemCalls();
            loadJson();
        }));
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

    /** The pod lock, descriptors, mounts and the exec all call through it. */
    private static void linkSystemCalls() {
        try {
            SystemCalls.warmUp();
            Trace.mark("warm-up: system calls linked");
        } catch (Exception | LinkageError e) {
            // only time was to be saved; the start itself meets and reports the same failure
        }
    }

    private static void loadJson() {
        try {
            ImageManifest.parse(MANIFEST).toJson(true);
            new IsolatorReport.Builder("warm-up").enforced("seccomp", "warm-up").build().toJson();
            Trace.mark("warm-up: JSON loaded");
        } catch (Exception | LinkageError e) {
            // as above
        }
    }
}
