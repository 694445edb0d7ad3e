package dev.rocket.cli.rkt;

import dev.rocket.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every test class that runs real pods shares: a data directory of its own per test with a
 * {@link PodTestKit} over it, and after each test a gc of every pod and the check that nothing is left on the host
 * (mounts, runtime containers, cgroups; {@link PodTestKit#assertNothingLeft}).
 */
abstract class PodTest {

    @TempDir
    Path dir;

    PodTestKit kit;

    @BeforeEach
    final void kit() {
        kit = new PodTestKit(dir);
    }

    @AfterEach
    final void collect() throws Exception {
        CliRun gc = kit.rkt("gc", "--grace-period=0s");
        assertEquals(0, gc.exitCode(), gc.err());
        kit.assertNothingLeft();
        afterCollect();
    }

    /** What a test class checks once its pods are gone; nothing by default. */
    void afterCollect() throws Exception {
    }
}
