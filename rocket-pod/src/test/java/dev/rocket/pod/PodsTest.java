package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodsTest {

    /** A minute ahead, so that a zero grace period has passed for directories changed during the test. */
    private static final Instant NOW = Instant.now().plusSeconds(60);
    private static final GcPolicy NO_GRACE = new GcPolicy(Duration.ZERO, Duration.ofHours(24), false);

    @TempDir
    Path dir;
    Pods pods;
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void openPods() {
        pods = new Pods(new PodLayout(dir), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void killChildren() throws Exception {
        for (Process child : children) ChildProcesses.kill(child);
    }

    @Test
    void aCreatedPodIsPreparingUntilMarkedPreparedThenPrepared() throws Exception {
        try (PreparingPod preparing = pods.create()) {
            assertEquals(dir.resolve("pods/prepare/" + preparing.uuid()), preparing.dir());
            assertTrue(Files.isDirectory(preparing.dir()));
            assertEquals(PodState.PREPARING, pods.get(preparing.uuid()).state());
            preparing.writeManifest(TestManifests.apps("redis", "etcd"));

            preparing.markPrepared();

            PodInfo pod = pods.get(preparing.uuid());
            assertEquals(PodState.PREPARED, pod.state());
            assertEquals(dir.resolve("pods/prepared/" + preparing.uuid()), pod.dir());
            assertEquals(Optional.of(NOW), pod.summary().created());
            assertEquals(Optional.empty(), pod.summary().started());
            assertEquals(List.of("redis", "etcd"), pod.summary().apps().stream().map(a -> a.name().value()).toList());
            assertEquals(TestManifests.apps("redis", "etcd"), PodFiles.readManifest(pod.dir()));
        }
    }

    @Test
    void aPrepareClosedWithoutEndingIsPrepareFailedAndGcDeletesIt() throws Exception {
        PodUuid uuid;
        try (PreparingPod preparing = pods.create()) {
            uuid = preparing.uuid();
        }
        assertEquals(PodState.PREPARE_FAILED, pods.get(uuid).state());

        PodGcReport report = pods.gc(GcPolicy.DEFAULT, PodCleanup.NONE);

        assertEquals(List.of(uuid), report.marked());
        assertEquals(List.of(uuid), report.collected());
        assertEquals(Optional.empty(), pods.find(uuid));
    }

    @Test
    void aPodWhosePreparingProcessWasKilledIsPrepareFailedAndCollected() throws Exception {
        Process child = started(ChildProcesses.jvm(PreparingProbe.class, dir.toString()));
        PodUuid uuid = PodUuid.parse(ChildProcesses.readLine(child));
        assertEquals(PodState.PREPARING, pods.get(uuid).state());
        assertTrue(pods.gc(NO_GRACE, PodCleanup.NONE).marked().isEmpty(), "gc leaves a preparing pod alone");

        ChildProcesses.kill(child);

        assertEquals(PodState.PREPARE_FAILED, pods.get(uuid).state());
        PodGcReport report = pods.gc(GcPolicy.DEFAULT, PodCleanup.NONE);
        assertEquals(List.of(uuid), report.collected());
        assertFalse(Files.exists(dir.resolve("pods/prepare/" + uuid)));
        assertFalse(Files.exists(dir.resolve("pods/garbage/" + uuid)));
    }

    @Test
    void aRunningPodIsNotMarkedAndOnceExitedIsMarkedThenSweptAfterTheGracePeriod() throws Exception {
        PodUuid uuid = exitedPod();
        Path run = dir.resolve("pods/run/" + uuid);
        Process holder = started(ChildProcesses.flock(run, "sleep", "30"));
        awaitState(uuid, PodState.RUNNING);

        PodGcReport whileRunning = pods.gc(NO_GRACE, PodCleanup.NONE);
        assertEquals(List.of(), whileRunning.marked());
        assertEquals(PodState.RUNNING, pods.get(uuid).state());

        ChildProcesses.kill(holder);
        assertEquals(PodState.EXITED, pods.get(uuid).state());
        List<PodInfo> cleaned = new ArrayList<>();
        Pods later = new Pods(new PodLayout(dir), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(31)));

        PodGcReport mark = pods.gc(GcPolicy.DEFAULT, cleaned::add);
        assertEquals(List.of(uuid), mark.marked());
        assertEquals(List.of(), mark.collected(), "the grace period starts at the mark");
        assertEquals(PodState.EXITED_GARBAGE, pods.get(uuid).state());
        assertTrue(pods.status(uuid).exited(), "status can still read a marked pod");

        PodGcReport sweep = later.gc(GcPolicy.DEFAULT, cleaned::add);
        assertEquals(List.of(uuid), sweep.collected());
        assertEquals(List.of(uuid), cleaned.stream().map(PodInfo::uuid).toList(), "cleanup ran before the delete");
        assertEquals(PodState.EXITED_DELETING, cleaned.getFirst().state());
        assertEquals(Optional.empty(), pods.find(uuid));
    }

    @Test
    void anExitedGarbagePodLockedByAnotherProcessIsBeingDeletedAndNotSwept() throws Exception {
        PodUuid uuid = exitedPod();
        pods.gc(new GcPolicy(Duration.ZERO, Duration.ZERO, true), PodCleanup.NONE);
        Process holder = started(ChildProcesses.flock(dir.resolve("pods/exited-garbage/" + uuid), "sleep", "30"));
        awaitState(uuid, PodState.EXITED_DELETING);

        assertEquals(List.of(), pods.gc(NO_GRACE, PodCleanup.NONE).collected());

        ChildProcesses.kill(holder);
        assertEquals(List.of(uuid), pods.gc(NO_GRACE, PodCleanup.NONE).collected());
    }

    @Test
    void waitForExitReturnsOnceTheLockHolderHasEnded() throws Exception {
        PodUuid uuid = exitedPod();
        Path done = dir.resolve("holder-done");
        Process holder = runFor(uuid, 1, done);

        pods.waitForExit(uuid);

        assertTrue(Files.exists(done), "the holder finished its command before the wait returned");
        assertEquals(PodState.EXITED, pods.get(uuid).state());
        assertEquals(0, ChildProcesses.exitCode(holder));
    }

    @Test
    void waitForExitWithATimeoutSaysWhetherThePodExitedInTime() throws Exception {
        PodUuid uuid = exitedPod();
        Path done = dir.resolve("holder-done");
        Process holder = runFor(uuid, 2, done);

        assertFalse(pods.waitForExit(uuid, Duration.ofMillis(100)), "still running after 100 ms");
        assertTrue(pods.waitForExit(uuid, Duration.ofSeconds(60)));
        assertTrue(Files.exists(done));
        assertEquals(0, ChildProcesses.exitCode(holder));
        assertTrue(pods.waitForExit(uuid, Duration.ZERO), "an exited pod needs no waiting");
    }

    @Test
    void waitingForAPodThatNeverStartedIsRefused() throws Exception {
        PodUuid uuid = preparedPod();
        RocketException e = assertThrows(RocketException.class, () -> pods.waitForExit(uuid, Duration.ofSeconds(1)));
        assertEquals(Kind.FAILED_PRECONDITION, e.kind());
    }

    @Test
    void theLockSurvivesExecveSoThePodRunsExactlyAsLongAsTheProgram() throws Exception {
        Process child = started(ChildProcesses.jvm(RunExecProbe.class, dir.toString(), "sleep 1"));
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        PodUuid uuid = PodUuid.parse(output.readLine().strip());
        String lockFd = output.readLine().strip();

        assertTrue(Integer.parseInt(lockFd) > 2, "RKT_LOCK_FD names the inherited descriptor, not " + lockFd);
        assertEquals(PodState.RUNNING, pods.get(uuid).state(), "the shell holds the lock the JVM took");
        assertTrue(pods.get(uuid).summary().started().isPresent());
        assertEquals(0, ChildProcesses.exitCode(child));
        assertEquals(PodState.EXITED, pods.get(uuid).state());
    }

    @Test
    void ofConcurrentRunPreparedExactlyOneWins() throws Exception {
        PodUuid uuid = preparedPod();
        int contenders = 8;
        CyclicBarrier start = new CyclicBarrier(contenders);
        List<Future<RunningPod>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(contenders)) {
            for (int i = 0; i < contenders; i++) {
                attempts.add(threads.submit(() -> {
                    start.await();
                    return pods.startPrepared(uuid);
                }));
            }
        }
        List<RunningPod> winners = new ArrayList<>();
        List<RocketException> losers = new ArrayList<>();
        for (Future<RunningPod> attempt : attempts) {
            try {
                winners.add(attempt.get());
            } catch (ExecutionException e) {
                losers.add((RocketException) e.getCause());
            }
        }
        assertEquals(1, winners.size());
        for (RocketException loser : losers) {
            assertEquals(Kind.FAILED_PRECONDITION, loser.kind());
            assertTrue(loser.getMessage().contains("was already started"), loser.getMessage());
        }
        assertEquals(PodState.RUNNING, pods.get(uuid).state());
        winners.getFirst().close();
        assertEquals(PodState.EXITED, pods.get(uuid).state());

        RocketException again = assertThrows(RocketException.class, () -> pods.startPrepared(uuid));
        assertTrue(again.getMessage().contains("was already started (it is exited now)"), again.getMessage());
    }

    @Test
    void removeDeletesPreparedAndExitedPodsButRefusesRunningOnes() throws Exception {
        PodUuid prepared = preparedPod();
        PodUuid exited = exitedPod();
        RunningPod running = pods.startPrepared(preparedPod());

        pods.remove(prepared, PodCleanup.NONE);
        pods.remove(exited, PodCleanup.NONE);
        RocketException refused = assertThrows(RocketException.class,
                () -> pods.remove(running.uuid(), PodCleanup.NONE));

        assertEquals(Optional.empty(), pods.find(prepared));
        assertEquals(Optional.empty(), pods.find(exited));
        assertEquals(Kind.FAILED_PRECONDITION, refused.kind());
        assertTrue(refused.getMessage().contains("is running; stop it first"), refused.getMessage());
        running.close();
        pods.remove(running.uuid(), PodCleanup.NONE);
        assertEquals(List.of(), pods.list());
        RocketException gone = assertThrows(RocketException.class, () -> pods.remove(prepared, PodCleanup.NONE));
        assertEquals(Kind.NOT_FOUND, gone.kind());
    }

    @Test
    void gcExpiresPreparedPodsOnlyAfterTheirTime() throws Exception {
        PodUuid uuid = preparedPod();
        assertEquals(List.of(), pods.gc(NO_GRACE, PodCleanup.NONE).marked());

        Pods dayLater = new Pods(new PodLayout(dir), Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        PodGcReport report = dayLater.gc(GcPolicy.DEFAULT, PodCleanup.NONE);

        assertEquals(List.of(uuid), report.marked());
        assertEquals(List.of(uuid), report.collected());
    }

    @Test
    void listShowsEveryPodWithStateTimesAppsAndImages() throws Exception {
        PodUuid prepared = preparedPod();
        PodUuid exited = exitedPod();
        try (PreparingPod preparing = pods.create()) {
            List<PodInfo> list = pods.list();

            assertEquals(3, list.size());
            Map<PodUuid, PodInfo> byUuid = new HashMap<>();
            list.forEach(pod -> byUuid.put(pod.uuid(), pod));
            assertEquals(PodState.PREPARED, byUuid.get(prepared).state());
            assertEquals(PodState.EXITED, byUuid.get(exited).state());
            assertEquals(PodState.PREPARING, byUuid.get(preparing.uuid()).state());
            assertEquals(Optional.of(NOW), byUuid.get(exited).summary().started());
            PodApp app = byUuid.get(exited).summary().apps().getFirst();
            assertEquals("app", app.name().value());
            assertEquals("example.com/app", app.imageName().orElseThrow().value());
            assertEquals(TestManifests.imageId("app"), app.imageId().orElseThrow());
            assertEquals(List.of(), byUuid.get(preparing.uuid()).summary().apps());
        }
    }

    @Test
    void listFallsBackToTheManifestWhenTheSummaryIsMissing() throws Exception {
        PodUuid uuid = preparedPod();
        Files.delete(dir.resolve("pods/prepared/" + uuid + "/summary"));

        PodInfo pod = pods.list().getFirst();

        assertEquals(List.of(new AcName("app")), pod.summary().apps().stream().map(PodApp::name).toList());
        assertEquals(Optional.empty(), pod.summary().created());
    }

    @Test
    void listOfNoDataDirectoryIsEmpty() throws Exception {
        assertEquals(List.of(), Pods.at(dir.resolve("absent")).list());
    }

    @Test
    void statusReadsThePidAndTheAppsExitCodesTheRunEntrypointWrote() throws Exception {
        PodUuid uuid = exitedPod();
        PodStatusFiles files = new PodStatusFiles(pods.get(uuid).dir());
        assertEquals(OptionalInt.empty(), pods.status(uuid).pid());

        files.writePid(16964);
        files.writeExitCode(new AcName("redis"), 0);
        files.writeExitCode(new AcName("etcd"), 3);

        PodStatus status = pods.status(uuid);
        assertTrue(status.exited());
        assertEquals(OptionalInt.of(16964), status.pid());
        assertEquals(Map.of(new AcName("redis"), 0, new AcName("etcd"), 3), status.appExitCodes());
        assertEquals("16964\n", Files.readString(dir.resolve("pods/run/" + uuid + "/pid")));
        assertEquals("3\n", Files.readString(dir.resolve("pods/run/" + uuid + "/status/etcd")));
        assertEquals(Set.of(), status.oomKilled());
    }

    @Test
    void statusNamesTheAppsTheMonitorFoundKilledForRunningOutOfMemory() throws Exception {
        PodUuid uuid = exitedPod();
        Path pod = pods.get(uuid).dir();
        Files.createDirectories(PodLayout.oomKilled(pod));
        Files.createFile(PodLayout.oomKilled(pod, new AcName("hog")));

        assertEquals(Set.of(new AcName("hog")), pods.status(uuid).oomKilled());
    }

    @Test
    void aMutationHoldsThePodLockFileAndReplacesTheManifestAtomically() throws Exception {
        try (RunningPod running = pods.startPrepared(preparedPod())) {
            Path lockFile = running.dir().resolve("pod.lck");
            try (PodMutation mutation = pods.mutate(running.uuid())) {
                assertEquals(1, ChildProcesses.exitCode(new ProcessBuilder("flock", "-n", lockFile.toString(), "true").start()),
                        "another rkt app add must wait");
                mutation.replaceManifest(TestManifests.apps("app", "sidecar"));
            }
            assertEquals(0, ChildProcesses.exitCode(new ProcessBuilder("flock", "-n", lockFile.toString(), "true").start()));
            assertEquals(List.of("app", "sidecar"),
                    pods.get(running.uuid()).summary().apps().stream().map(a -> a.name().value()).toList());
            assertEquals(Optional.of(NOW), pods.get(running.uuid()).summary().started(), "the mutation keeps the times");
            try (var files = Files.list(running.dir())) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                        "no temporary file is left");
            }
        }
    }

    @Test
    void onlyARunningPodCanBeMutated() throws Exception {
        PodUuid uuid = exitedPod();
        RocketException e = assertThrows(RocketException.class, () -> pods.mutate(uuid));
        assertEquals(Kind.FAILED_PRECONDITION, e.kind());
    }

    private PodUuid preparedPod() throws Exception {
        try (PreparingPod preparing = pods.create()) {
            preparing.writeManifest(TestManifests.oneApp("app"));
            preparing.markPrepared();
            return preparing.uuid();
        }
    }

    /** A pod in run that this process started and let go of: exited, unless someone locks it again. */
    private PodUuid exitedPod() throws Exception {
        try (PreparingPod preparing = pods.create()) {
            preparing.writeManifest(TestManifests.oneApp("app"));
            try (RunningPod running = preparing.markRunning()) {
                return running.uuid();
            }
        }
    }

    /** Makes the pod run again, held by another process for {@code seconds}, which touches {@code done} at its end. */
    private Process runFor(PodUuid uuid, int seconds, Path done) throws Exception {
        Process holder = started(ChildProcesses.flock(dir.resolve("pods/run/" + uuid), "sh", "-c",
                "sleep " + seconds + "; touch '" + done + "'"));
        awaitState(uuid, PodState.RUNNING);
        return holder;
    }

    private Process started(Process process) {
        children.add(process);
        return process;
    }

    /** Waits until a lock-holding child process has taken the lock. */
    private void awaitState(PodUuid uuid, PodState wanted) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (pods.get(uuid).state() == wanted) return;
            Thread.sleep(50);
        }
        throw new AssertionError("pod " + uuid + " never became " + wanted);
    }
}
