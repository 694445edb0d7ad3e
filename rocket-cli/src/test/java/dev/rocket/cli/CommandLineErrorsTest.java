package dev.rocket.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineErrorsTest {

    @Test
    void rktVersionPrintsRocketAndAppcVersions() {
        CliRun run = CliRun.rkt("version");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("rkt Version: "), run.out());
        assertTrue(run.out().contains("appc Version: 0.8.11"), run.out());
    }

    @Test
    void actoolVersionPrintsRocketAndAppcVersions() {
        CliRun run = CliRun.actool("version");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("actool Version: "), run.out());
        assertTrue(run.out().contains("appc Version: 0.8.11"), run.out());
    }

    @Test
    void unknownCommandIsOneLineAndUsageExit() {
        CliRun run = CliRun.rkt("frobnicate");
        assertEquals(CommandRunner.EXIT_USAGE, run.exitCode());
        assertEquals("rkt: unknown command \"frobnicate\" (see 'rkt --help')\n", run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-such-flag", "--dir"})
    void badGlobalFlagIsOneLine(String flag) {
        CliRun run = CliRun.rkt(flag);
        assertEquals(CommandRunner.EXIT_USAGE, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rkt: "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void unknownFlagOfSubcommandNamesTheSubcommandHelp() {
        CliRun run = CliRun.actool("version", "--bogus");
        assertEquals(CommandRunner.EXIT_USAGE, run.exitCode());
        assertEquals("actool: Unknown option: '--bogus' (see 'actool version --help')\n", run.err());
    }

    @Test
    void helpIsOfferedOnEveryCommand() {
        for (String[] args : new String[][]{{"--help"}, {"version", "--help"}}) {
            CliRun rkt = CliRun.rkt(args);
            assertEquals(0, rkt.exitCode());
            assertTrue(rkt.out().startsWith("Usage: rkt"), rkt.out());
            CliRun actool = CliRun.actool(args);
            assertEquals(0, actool.exitCode());
            assertTrue(actool.out().startsWith("Usage: actool"), actool.out());
        }
    }

    @Test
    void aFailureShowsItsStackTraceOnlyWithDebugBeforeOrAfterTheCommand(@TempDir Path dir) {
        String store = "--dir=" + dir;
        CliRun plain = CliRun.rkt(store, "status", "no-such-pod");
        assertEquals(CommandRunner.EXIT_FAILURE, plain.exitCode());
        assertEquals(1, plain.err().lines().count(), plain.err());
        for (String[] args : new String[][]{{store, "--debug", "status", "no-such-pod"}, {store, "status", "no-such-pod", "--debug"}}) {
            CliRun debug = CliRun.rkt(args);
            assertEquals(CommandRunner.EXIT_FAILURE, debug.exitCode());
            assertTrue(debug.err().startsWith(plain.err()), debug.err());
            assertTrue(debug.err().contains("\tat dev.rocket."), debug.err());
        }
    }
}
