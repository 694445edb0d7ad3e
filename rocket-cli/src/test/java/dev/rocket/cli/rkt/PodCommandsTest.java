package dev.rocket.cli.rkt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rocket.cli.CliRun;
import dev.rocket.cli.CommandRunner;
import dev.rocket.pod.PodStatusFiles;
import dev.rocket.pod.Pods;
import dev.rocket.pod.PreparingPod;
import dev.rocket.pod.RunningPod;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.schema.RuntimeImage;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rkt list, status, rm, gc} over pods made through the pod lifecycle (no runtime needed). */
class PodCommandsTest {

    @TempDir
    Path dir;

    RunningPod held;

    @AfterEach
    void release() throws Exception {
        if (held != null) held.close();
    }

    private CliRun rkt(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--dir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.rkt(all);
    }

    private static PodManifest manifest(String app) {
        byte[] digest = new byte[64];
        digest[0] = (byte) app.length();
        RuntimeImage image = new RuntimeImage(Optional.of(new AcIdentifier("example.com/" + app)),
                Optional.of(ImageId.ofDigest(digest)), Labels.NONE);
        return PodManifest.of(List.of(RuntimeApp.of(new AcName(app), image)));
    }

    private PodUuid prepared(String app) throws Exception {
        try (PreparingPod pod = Pods.at(dir).create()) {
            pod.writeManifest(manifest(app));
            pod.markPrepared();
            return pod.uuid();
        }
    }

    private PodUuid exited(String app, int exitCode) throws Exception {
        try (PreparingPod pod = Pods.at(dir).create()) {
            pod.writeManifest(manifest(app));
            try (RunningPod running = pod.markRunning()) {
                new PodStatusFiles(running.dir()).writePid(4242);
                new PodStatusFiles(running.dir()).writeExitCode(new AcName(app), exitCode);
                return running.uuid();
            }
        }
    }

    private PodUuid running(String app) throws Exception {
        PreparingPod pod = Pods.at(dir).create();
        pod.writeManifest(manifest(app));
        held = pod.markRunning();
        return held.uuid();
    }

    @Test
    void listShowsEveryPodWithItsState() throws Exception {
        PodUuid prepared = prepared("web");
        PodUuid exited = exited("db", 3);
        PodUuid running = running("cache");
        CliRun run = rkt("list", "--no-legend");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, run.out().lines().count(), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(prepared.toString().substring(0, 8)) && l.contains("prepared")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(exited.toString().substring(0, 8)) && l.contains("exited")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.contains("example.com/cache") && l.contains("running")), run.out());
        CliRun legend = rkt("list", "--full");
        assertTrue(legend.out().startsWith("UUID\t"), legend.out());
        assertTrue(legend.out().contains(running.toString()), legend.out());

        JsonNode json = new ObjectMapper().readTree(rkt("list", "--format=json").out());
        assertEquals(3, json.size());
        assertTrue(json.get(0).has("created_at") && json.get(0).get("app_names").isArray());
    }

    @Test
    void aPodStillBeingPreparedIsListedWithoutApps() throws Exception {
        try (PreparingPod preparing = Pods.at(dir).create()) {
            CliRun run = rkt("list", "--no-legend");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith(preparing.uuid().toString().substring(0, 8) + "\t-\t-\t"), run.out());
        }
    }

    @Test
    void statusShowsPidAndExitCodes() throws Exception {
        PodUuid exited = exited("db", 3);
        CliRun run = rkt("status", exited.toString().substring(0, 6));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("state=exited\ncreated="), run.out());
        assertTrue(run.out().contains("pid=4242\nexited=true\napp-db=3\n"), run.out());
        JsonNode json = new ObjectMapper().readTree(rkt("status", "--format=json", exited.toString()).out());
        assertEquals(3, json.get("app_exit_codes").get("db").asInt());
        Path uuidFile = Files.writeString(dir.resolve("uuid"), exited.toString());
        assertEquals(0, rkt("status", "--wait=1s", "--uuid-file=" + uuidFile).exitCode());
    }

    @Test
    void statusShowsTheIsolatorReportOfEachApp() throws Exception {
        PodUuid exited = exited("db", 0);
        Path appDir = Files.createDirectories(Pods.at(dir).status(exited).pod().dir().resolve("apps/db"));
        Files.writeString(appDir.resolve("isolators.json"), new dev.rocket.stage1.isolation.IsolatorReport.Builder("db")
                .enforced("seccomp", "default filter").ignored("resource/network-bandwidth", "not applied yet").build()
                .toJson());
        CliRun run = rkt("status", exited.toString());
        assertTrue(run.out().contains("isolators-db=seccomp:enforced,resource/network-bandwidth:ignored\n"), run.out());
        JsonNode json = new ObjectMapper().readTree(rkt("status", "--format=json", exited.toString()).out());
        assertEquals("ignored", json.at("/isolators/db/1/outcome").asText());
        assertEquals("not applied yet", json.at("/isolators/db/1/detail").asText());
    }

    @Test
    void statusWaitTimesOutOnARunningPod() throws Exception {
        PodUuid running = running("cache");
        CliRun run = rkt("status", "--wait=200ms", running.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("still running"), run.err());
    }

    @Test
    void rmAndGcRemovePodsThatAreDone() throws Exception {
        PodUuid prepared = prepared("web");
        PodUuid exited = exited("db", 0);
        PodUuid running = running("cache");
        assertEquals(0, rkt("rm", prepared.toString()).exitCode());
        CliRun busy = rkt("rm", running.toString());
        assertEquals(CommandRunner.EXIT_FAILURE, busy.exitCode(), busy.err());
        CliRun gc = rkt("gc", "--grace-period=0s");
        assertEquals(0, gc.exitCode(), gc.err());
        assertTrue(gc.err().contains(exited.toString()), gc.err());
        String list = rkt("list", "--no-legend").out();
        assertFalse(list.contains(exited.toString().substring(0, 8)), list);
        assertTrue(list.contains(running.toString().substring(0, 8)), list);
    }

    @Test
    void unknownOrAmbiguousPodsAreOneLineErrors() {
        for (String[] args : new String[][]{{"status", "ffffffff"}, {"rm", "ffffffff"}, {"status"}}) {
            CliRun run = rkt(args);
            assertEquals(CommandRunner.EXIT_FAILURE, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }
}
