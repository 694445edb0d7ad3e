package dev.rocket.stage0;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor script run by the host's /bin/sh against stand-ins for conmon and the runtime: a fake conmon
 * reports a PID on the sync fifo, detaches, and lets its "app" write output and exit once the fake runtime has
 * started it (or been told to stop it).
 */
class MonitorScriptTest {

    @TempDir
    Path dir;

    /**
     * {@code conmon EXIT_FILE CODE STARTED [fail]}: detaches, reports PID 4242 (nothing with {@code fail}) and,
     * once STARTED exists, prints a line to each stream and writes CODE to EXIT_FILE. With CODE {@code wait} it
     * writes 143 once STARTED.term exists; with {@code slow} also, but it reports the PID only once STARTED.go
     * exists (creating STARTED.creating meanwhile).
     */
    private static final String FAKE_CONMON = """
            #!/bin/sh
            [ "$4" = fail ] && exit 1
            ( if [ "$2" = slow ]; then
                : > "$3.creating"; while [ ! -e "$3.go" ]; do sleep 0.05; done; set -- "$1" wait "$3"
              fi
              eval "echo '{\\"pid\\": 4242}' >&$_OCI_SYNCPIPE"
              while [ ! -e "$3" ]; do sleep 0.05; done
              [ "$2" = wait ] && { while [ ! -e "$3.term" ]; do sleep 0.05; done; set -- "$1" 143; }
              echo "out of $1"; echo "err of $1" >&2; printf %s "$2" > "$1" ) &
            """;

    private Path fakeConmon() throws IOException {
        Path conmon = dir.resolve("conmon");
        Files.writeString(conmon, FAKE_CONMON);
        Files.setPosixFilePermissions(conmon, PosixFilePermissions.fromString("rwx------"));
        return conmon;
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    /** An app under the fake conmon, with handlers that append to {@code order} when given. */
    private MonitorScript.Job supervised(String name, String code, boolean fail, Path order) throws IOException {
        Path app = Files.createDirectories(dir.resolve(name));
        for (String fifo : List.of("sync", "out", "err")) {
            assertEquals(0, run(List.of("mkfifo", app.resolve(fifo).toString())));
        }
        Path started = app.resolve("started");
        List<String> create = new ArrayList<>(List.of(fakeConmon().toString(), app.resolve("exit").toString(), code, started.toString()));
        if (fail) create.add("fail");
        List<List<String>> pre = order == null ? List.of() : List.of(sh("echo pre-" + name + " >> " + order));
        List<List<String>> post = order == null ? List.of() : List.of(sh("echo post-" + name + " >> " + order));
        return new MonitorScript.Job(
                new MonitorScript.Supervised(create, sh(": > " + started), app, app.resolve("sync"), app.resolve("exit")),
                pre, post, sh(": > " + started + ".term"), sh(": > " + app.resolve("killed")), app.resolve("status"),
                new MonitorScript.Output(app.resolve("log"), app.resolve("out"), app.resolve("err")), null,
                sh(": > " + app.resolve("deleted")));
    }

    private static int run(List<String> argv) {
        try {
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private record Ended(int code, String out, String err) {
    }

    private Ended monitor(List<MonitorScript.Job> jobs) throws Exception {
        Process process = new ProcessBuilder(sh(MonitorScript.of(jobs, dir.resolve("pid"), false, List.of()))).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Ended(process.exitValue(), out, err);
    }

    @Test
    void supervisedAppsReportTheirExitCodesOutputAndAreDeleted() throws Exception {
        Ended ended = monitor(List.of(supervised("a", "0", false, null), supervised("b", "7", false, null)));
        assertEquals(7, ended.code(), ended.err());
        assertEquals("0\n", Files.readString(dir.resolve("a/status")));
        assertEquals("7\n", Files.readString(dir.resolve("b/status")));
        for (String app : List.of("a", "b")) {
            Path exit = dir.resolve(app + "/exit");
            assertTrue(ended.out().contains("out of " + exit + "\n"), ended.out());
            assertTrue(ended.err().contains("err of " + exit + "\n"), ended.err());
            assertEquals(List.of("err of " + exit, "out of " + exit), Files.readAllLines(dir.resolve(app + "/log")).stream().sorted().toList());
            assertTrue(Files.exists(dir.resolve(app + "/deleted")));
        }
    }

    @Test
    void anAppWhoseCreationFailedIsNeverStartedAndExitsOne() throws Exception {
        Ended ended = monitor(List.of(supervised("bad", "0", true, null), supervised("good", "0", false, null)));
        assertEquals(1, ended.code(), ended.err());
        assertEquals("1\n", Files.readString(dir.resolve("bad/status")));
        assertFalse(Files.exists(dir.resolve("bad/started")));
        assertEquals("0\n", Files.readString(dir.resolve("good/status")));
    }

    @Test
    void handlersRunAroundTheirAppInOrder() throws Exception {
        Path order = dir.resolve("order");
        Ended ended = monitor(List.of(supervised("h", "5", false, order)));
        assertEquals(5, ended.code(), ended.err());
        assertEquals(List.of("pre-h", "post-h"), Files.readAllLines(order));
        assertEquals("5\n", Files.readString(dir.resolve("h/status")));
    }

    @Test
    void sigtermStopsEveryAppAndTheirCodesAreRecorded() throws Exception {
        List<MonitorScript.Job> jobs = List.of(supervised("x", "wait", false, null),
                supervised("y", "wait", false, dir.resolve("order")));
        Process process = new ProcessBuilder(sh(MonitorScript.of(jobs, dir.resolve("pid"), false, List.of())))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        while (!(Files.exists(dir.resolve("x/started")) && Files.exists(dir.resolve("y/started"))
                && Files.exists(dir.resolve("pid")))) {
            Thread.sleep(50);
        }
        assertEquals(Long.toString(process.pid()), Files.readString(dir.resolve("pid")).strip());
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue());
        assertEquals("143\n", Files.readString(dir.resolve("x/status")));
        assertEquals("143\n", Files.readString(dir.resolve("y/status")));
        assertFalse(Files.exists(dir.resolve("x/killed")), "SIGKILL only after the grace period");
        assertTrue(Files.readString(dir.resolve("x/log")).contains("out of " + dir.resolve("x/exit")));
    }

    @Test
    void aSignalWhileAnAppIsBeingCreatedStopsItOnceItRuns() throws Exception {
        Process process = new ProcessBuilder(sh(MonitorScript.of(List.of(supervised("s", "slow", false, null)),
                dir.resolve("pid"), false, List.of()))).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        while (!Files.exists(dir.resolve("s/started.creating"))) Thread.sleep(50);
        Thread.sleep(200); // the shell waits in its read of the fifo by now
        process.destroy(); // SIGTERM
        Files.createFile(dir.resolve("s/started.go"));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue());
        assertEquals("143\n", Files.readString(dir.resolve("s/status")));
        assertTrue(Files.exists(dir.resolve("s/deleted")));
    }

    @Test
    void theForegroundRuntimesExitCodeIsTheApps() throws Exception {
        Path app = Files.createDirectories(dir.resolve("fg"));
        for (String fifo : List.of("out", "err")) assertEquals(0, run(List.of("mkfifo", app.resolve(fifo).toString())));
        MonitorScript.Job job = new MonitorScript.Job(new MonitorScript.Foreground(sh("echo in-front; exit 4")), List.of(),
                List.of(), sh(":"), sh(":"), app.resolve("status"),
                new MonitorScript.Output(app.resolve("log"), app.resolve("out"), app.resolve("err")), null, List.of());
        Ended ended = monitor(List.of(job));
        assertEquals(4, ended.code(), ended.err());
        assertEquals("in-front\n", ended.out());
        assertEquals("in-front\n", Files.readString(app.resolve("log")));
        assertEquals("4\n", Files.readString(app.resolve("status")));
    }

    @Test
    void everyLongLivedChildClosesThePodLock() throws Exception {
        String script = MonitorScript.of(List.of(supervised("c", "0", false, null)), dir.resolve("pid"), false, List.of());
        assertTrue(script.contains("{ cd '" + dir.resolve("c") + "' && _OCI_SYNCPIPE=4 exec '" + dir.resolve("conmon")), script);
        for (String line : script.lines().filter(l -> l.contains("conmon") || l.contains("tee ")).toList()) {
            assertTrue(line.contains(MonitorScript.LOCK_FD + "<&-"), line);
        }
    }
}
