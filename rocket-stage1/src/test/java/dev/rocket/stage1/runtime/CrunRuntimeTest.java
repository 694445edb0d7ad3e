package dev.rocket.stage1.runtime;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** crun as {@link OciRuntimes} offers it here: on a hybrid cgroup host, each command behind the hiding launcher. */
class CrunRuntimeTest extends OciRuntimeContract {

    @Override
    OciRuntime runtime(Path stateRoot) throws Exception {
        assumeTrue(RuncRuntime.onPath("crun").isPresent(), "needs crun (Debian crun)");
        return OciRuntimes.under(stateRoot).choose(RuntimeChoice.CRUN);
    }
}
