package dev.rocket.os.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessControlTest {

    @Test
    void aSubreaperAdoptsTheOrphansOfItsChildren() throws Exception {
        ChildJvm.Result child = ChildJvm.run(SubreaperProbe.class);

        assertEquals(0, child.exitCode(), child.stderr());
        assertEquals(child.value("jvm-pid"), child.value("orphan-parent"));
    }
}
