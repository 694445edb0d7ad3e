package dev.rocket.stage1.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RuncRuntimeTest extends OciRuntimeContract {

    @Override
    OciRuntime runtime(Path stateRoot) {
        Optional<Path> runc = RuncRuntime.onPath("runc");
        assumeTrue(runc.isPresent(), "needs runc (Debian runc)");
        return RuncRuntime.runc(runc.get(), stateRoot);
    }

    @Test
    void runArgvIsTheRuncRunCommandWithRocketsStateRoot() {
        RuncRuntime runc = RuncRuntime.runc(Path.of("/usr/sbin/runc"), Path.of("/var/lib/rocket/runc"));
        assertEquals(List.of("/usr/sbin/runc", "--root", "/var/lib/rocket/runc", "run", "--bundle", "/b", "id"),
                runc.runArgv(Path.of("/b"), "id"));
    }

    @Test
    void aSupervisorRunsRuncDirectlyButNotALaunchedRuntime() {
        RuncRuntime runc = RuncRuntime.runc(Path.of("/usr/sbin/runc"), Path.of("/var/lib/rocket/runc"));
        assertEquals(Optional.of(List.of("/usr/sbin/runc", "--root", "/var/lib/rocket/runc")), runc.directCommand());
        assertEquals(List.of("/usr/sbin/runc", "--root", "/var/lib/rocket/runc", "start", "id"), runc.startArgv("id"));
        RuncRuntime launched = new RuncRuntime("crun", List.of("/usr/bin/unshare", "-m"), Path.of("/usr/bin/crun"), Path.of("/s"));
        assertEquals(Optional.empty(), launched.directCommand());
    }

    @Test
    void crunOnAHybridHostRunsBehindALauncherThatHidesCgroup2() {
        List<String> launcher = RuncRuntime.hidingLauncher(Path.of("/usr/bin/unshare"), List.of(Path.of("/sys/fs/cgroup/unified")));
        assertEquals(List.of("/usr/bin/unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
                "umount '/sys/fs/cgroup/unified' && exec \"$0\" \"$@\""), launcher);
    }
}
