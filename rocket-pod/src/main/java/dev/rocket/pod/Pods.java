package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.Errno;
import dev.rocket.os.linux.Fd;
import dev.rocket.os.linux.FileDescriptors;
import dev.rocket.os.linux.Flock;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.OpenFlag;
import dev.rocket.spec.types.PodUuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pods under a data directory and their life cycle, with no daemon: a pod's state is the directory it is in
 * plus whether a process holds its lock ({@link PodState}), and every transition is a {@code rename(2)} made
 * while holding the lock the table in rkt-docs {@code devel/pod-lifecycle.md} requires. Any number of
 * processes may use the same pods at once. What this returns about a pod's state is a sample: a running pod
 * may exit right after.
 */
public final class Pods {

    private static final Set<OpenFlag> MUTATION_LOCK_FLAGS = Set.of(OpenFlag.O_RDWR, OpenFlag.O_CREAT, OpenFlag.O_CLOEXEC);

    private final PodLayout layout;
    private final Clock clock;
    private final PodLocator locator;
    private final PodCollector collector;
    private final PodReferences references;

    /**
     * @param clock the time recorded as created and started, and against which gc measures grace periods
     */
    public Pods(PodLayout layout, Clock clock) {
        if (layout == null || clock == null) throw new IllegalArgumentException("layout and clock must be given");
        this.layout = layout;
        this.clock = clock;
        this.locator = new PodLocator(layout);
        this.collector = new PodCollector(layout, locator, clock);
        this.references = new PodReferences(locator);
    }

    /** The pods under data directory {@code dir} ({@code --dir}), on the system clock. */
    public static Pods at(Path dir) {
        return new Pods(new PodLayout(dir), Clock.systemUTC());
    }

    public PodLayout layout() {
        return layout;
    }

    /**
     * Creates a pod with a fresh UUID: an empty directory in {@code embryo}, locked exclusively by this process,
     * then moved to {@code prepare}. The caller prepares it and ends with {@code markPrepared} or
     * {@code markRunning}.
     */
    public PreparingPod create() throws RocketException {
        PodUuid uuid = PodUuid.random();
        Path embryo = layout.pod(PodPhase.EMBRYO, uuid);
        try {
            Files.createDirectories(embryo.getParent());
            Files.createDirectory(embryo);
        } catch (IOException e) {
            throw PodFailures.of("create pod directory " + embryo, e);
        }
        PodLock lock = null;
        try {
            PodFiles.writeSummary(embryo, PodSummary.createdAt(clock.instant()));
            lock = PodLock.exclusive(embryo);
            PodFiles.rename(embryo, layout.pod(PodPhase.PREPARE, uuid));
            return new PreparingPod(layout, clock, uuid, lock);
        } catch (IOException | RocketException e) {
            abandon(embryo, lock);
            throw e instanceof RocketException rocket ? rocket
                    : PodFailures.of("move new pod " + uuid + " from embryo to prepare", (IOException) e);
        }
    }

    private static void abandon(Path embryo, PodLock lock) {
        try {
            if (lock != null) lock.close();
            PodDeletion.delete(embryo);
        } catch (IOException | RocketException e) {
            // Left for gc, which discards abandoned embryos.
        }
    }

    /**
     * Starts a prepared pod ({@code rkt run-prepared}): locks it exclusively, then moves it to {@code run}. Of
     * processes racing to start one pod exactly one wins; the others get a {@link Kind#FAILED_PRECONDITION}
     * saying that the pod was already started.
     */
    public RunningPod startPrepared(PodUuid uuid) throws RocketException {
        Path prepared = layout.pod(PodPhase.PREPARED, uuid);
        Optional<PodLock> lock;
        try {
            lock = PodLock.tryExclusive(prepared);
        } catch (LinuxException e) {
            if (e.is(Errno.ENOENT)) throw notPrepared(uuid);
            throw PodFailures.of("lock prepared pod " + uuid, e);
        }
        if (lock.isEmpty()) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid
                    + " was already started: another process is starting it right now");
        }
        Path run = layout.pod(PodPhase.RUN, uuid);
        try {
            PodFiles.rename(prepared, run);
            // Only after the rename: a loser that got the lock once the winner's pod exited must change nothing.
            PodFiles.writeSummary(run, PodFiles.readSummary(run).startedAt(clock.instant()));
            return new RunningPod(uuid, run, lock.get());
        } catch (NoSuchFileException e) {
            lock.get().close();
            throw notPrepared(uuid);
        } catch (IOException | RocketException e) {
            lock.get().close();
            throw e instanceof RocketException rocket ? rocket
                    : PodFailures.of("move pod " + uuid + " from prepared to run", (IOException) e);
        }
    }

    private RocketException notPrepared(PodUuid uuid) throws RocketException {
        Optional<PodInfo> pod = locator.find(uuid);
        if (pod.isEmpty()) return new RocketException(Kind.NOT_FOUND, "pod " + uuid + " does not exist");
        PodState state = pod.get().state();
        if (state == PodState.RUNNING || state.hasExited()) {
            return new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid + " was already started (it is "
                    + state + " now); prepare a new pod to run its apps again");
        }
        return new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid + " is " + state
                + "; only a prepared pod can be started with run-prepared");
    }

    /** Every pod with its state and summary, ordered by UUID. */
    public List<PodInfo> list() throws RocketException {
        return locator.list();
    }

    /** Pod {@code uuid} where it is now, if it exists. */
    public Optional<PodInfo> find(PodUuid uuid) throws RocketException {
        return locator.find(uuid);
    }

    /** Pod {@code uuid}; {@link Kind#NOT_FOUND} if it does not exist. */
    public PodInfo get(PodUuid uuid) throws RocketException {
        return locator.find(uuid).orElseThrow(() -> new RocketException(Kind.NOT_FOUND,
                "pod " + uuid + " does not exist; rkt list shows the pods there are"));
    }

    /** What {@code rkt status} shows: state, times, the pod process's PID and the apps' exit codes. */
    public PodStatus status(PodUuid uuid) throws RocketException {
        PodInfo pod = get(uuid);
        PodStatusFiles files = new PodStatusFiles(pod.dir());
        return new PodStatus(pod, files.pid(), files.exitCodes(), files.oomKilled());
    }

    /** Waits, without a time limit, until pod {@code uuid} is no longer running. */
    public void waitForExit(PodUuid uuid) throws RocketException {
        Optional<Path> running = runDirectory(uuid);
        if (running.isPresent()) awaitUnlocked(running.get());
    }

    /**
     * Waits until pod {@code uuid} is no longer running ({@code rkt status --wait=DURATION}), at most
     * {@code timeout}; {@code true} when it exited in time. Wakes the moment the pod's process ends: a blocking
     * shared lock on the pod directory is granted when the kernel drops the process's exclusive one. A
     * {@code flock(2)} cannot be given a timeout, so it blocks in a daemon thread while this one waits for it at
     * most {@code timeout}; after a timeout that thread keeps waiting, and then closes its descriptor, until the
     * pod exits or this JVM ends.
     */
    public boolean waitForExit(PodUuid uuid, Duration timeout) throws RocketException {
        Optional<Path> running = runDirectory(uuid);
        if (running.isEmpty()) return true;
        CompletableFuture<Void> unlocked = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("pod-exit-" + uuid).start(() -> {
            try {
                awaitUnlocked(running.get());
                unlocked.complete(null);
            } catch (RocketException | RuntimeException e) {
                unlocked.completeExceptionally(e);
            }
        });
        try {
            unlocked.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.UNAVAILABLE, "interrupted while waiting for pod " + uuid + " to exit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RocketException rocket) throw rocket;
            throw new RocketException(Kind.INTERNAL, "waiting for pod " + uuid + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** The directory to wait on, empty when the pod has exited already; fails for a pod that never started. */
    private Optional<Path> runDirectory(PodUuid uuid) throws RocketException {
        PodInfo pod = get(uuid);
        if (pod.state() == PodState.RUNNING) return Optional.of(pod.dir());
        if (pod.state().hasExited()) return Optional.empty();
        throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid + " is " + pod.state()
                + ", not started: there is no exit to wait for");
    }

    private static void awaitUnlocked(Path dir) throws RocketException {
        try {
            PodLock.shared(dir).close();
        } catch (LinuxException e) {
            // ENOENT: gc marked it meanwhile, which it only does to an exited pod.
            if (!e.is(Errno.ENOENT)) throw PodFailures.of("wait for the lock of " + dir, e);
        }
    }

    /**
     * Begins a change of running pod {@code uuid}'s apps ({@code rkt app add/rm}), waiting for any other change
     * of it to end first.
     */
    public PodMutation mutate(PodUuid uuid) throws RocketException {
        PodInfo pod = get(uuid);
        if (pod.state() != PodState.RUNNING) {
            throw new RocketException(Kind.FAILED_PRECONDITION, "pod " + uuid + " is " + pod.state()
                    + "; apps can only be added to or removed from a running pod");
        }
        Fd lock = null;
        try {
            lock = FileDescriptors.open(PodLayout.mutationLock(pod.dir()), MUTATION_LOCK_FLAGS, 0640);
            Flock.lockExclusive(lock);
            return new PodMutation(pod, lock);
        } catch (LinuxException e) {
            if (lock != null) {
                try {
                    lock.close();
                } catch (LinuxException ignored) {
                    // The descriptor is released either way.
                }
            }
            throw PodFailures.of("lock pod " + uuid + " for a change of its apps", e);
        }
    }

    /**
     * Removes pod {@code uuid} now ({@code rkt rm}) if it is prepared, failed or exited; a running or preparing pod
     * is refused with {@link Kind#FAILED_PRECONDITION}.
     */
    public void remove(PodUuid uuid, PodCleanup cleanup) throws RocketException {
        collector.remove(uuid, cleanup);
    }

    /**
     * One garbage collection pass ({@code rkt gc}): marks exited pods, failed prepares and expired prepared pods,
     * and deletes failed prepares and exited pods whose grace period has passed. Pods in use are skipped.
     */
    public PodGcReport gc(GcPolicy policy, PodCleanup cleanup) throws RocketException {
        return collector.gc(policy, cleanup);
    }

    /** The pod a user means by a full UUID or a unique prefix of one, in any state. */
    public PodUuid resolve(String reference) throws RocketException {
        return references.resolve(reference);
    }

    /** The existing pod whose UUID {@code file} holds ({@code --uuid-file}). */
    public PodUuid resolveUuidFile(Path file) throws RocketException {
        return references.resolveUuidFile(file);
    }
}
