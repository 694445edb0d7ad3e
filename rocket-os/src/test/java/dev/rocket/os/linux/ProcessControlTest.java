package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs each probe in a child JVM: both settings change the whole process. */
class ProcessControlTest {

    @Test
    void aSubreaperAdoptsTheOrphansOfItsChildren() throws Exception {
        ChildJvm.Result child = ChildJvm.run(SubreaperProbe.class);

        assertEquals(0, child.exitCode(), child.stderr());
        assertEquals(child.value("jvm-pid"), child.value("orphan-parent"));
    }

    @Test
    void theParentDeathSignalKillsTheChildWhenItsParentEnds() throws Exception {
        // A shell is the parent: it starts the probe, then waits for its own standard input to close.
        String probe = String.join(" ", ChildJvm.command(ParentDeathProbe.class).stream().map(a -> "'" + a + "'").toList());
        Process parent = new ProcessBuilder("sh", "-c", probe + " & read ignored")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long probePid = -1;
        try {
            String armed = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(armed != null && armed.startsWith("armed "), "probe said: " + armed);
            probePid = Long.parseLong(armed.substring("armed ".length()));

            parent.getOutputStream().close();
            parent.waitFor();

            assertTrue(endsWithin(probePid, 10_000), "the probe was killed when the shell ended");
        } finally {
            parent.destroyForcibly();
            if (probePid > 0) ProcessHandle.of(probePid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Whether {@code pid} is gone or a zombie within the time: PID 1 here may not reap orphans. */
    private static boolean endsWithin(long pid, long millis) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<String> state = state(pid);
            if (state.isEmpty() || state.get().equals("Z")) return true;
            Thread.sleep(50);
        }
        return false;
    }

    private static Optional<String> state(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            List<String> fields = new ArrayList<>(List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" ")));
            return Optional.of(fields.getFirst());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
