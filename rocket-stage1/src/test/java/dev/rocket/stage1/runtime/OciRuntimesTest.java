package dev.rocket.stage1.runtime;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.MountTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OciRuntimesTest {

    @TempDir
    Path dir;

    @Test
    void runcKeepsItsStateUnderRuntimeAndNestsCgroupsUnderItsOwn() throws Exception {
        assumeTrue(RuncRuntime.onPath("runc").isPresent(), "needs runc (Debian runc)");
        RuncRuntime runc = OciRuntimes.under(dir).choose(RuntimeChoice.RUNC);
        assertEquals("runc", runc.name());
        assertEquals(dir.resolve("runtime"), runc.stateRoot());
        assertTrue(runc.nestsCgroupsUnderOwn());
        assertEquals(List.of(), runc.hiddenMounts());
        assertSame(runc, runc.withMountsHidden());
        assertEquals("runc", OciRuntimes.under(dir).choose(RuntimeChoice.AUTO).name(), "auto is runc where installed");
    }

    @Test
    void crunKeepsItsStateApartAndOnAHybridHostHidesTheCgroup2MountFromEachCommand() throws Exception {
        assumeTrue(RuncRuntime.onPath("crun").isPresent(), "needs crun (Debian crun)");
        RuncRuntime crun = OciRuntimes.under(dir).choose(RuntimeChoice.CRUN);
        assertEquals("crun", crun.name());
        assertEquals(dir.resolve("runtime-crun"), crun.stateRoot());
        assertFalse(crun.nestsCgroupsUnderOwn(), "crun's cgroupfs manager puts a relative path at the root");
        CgroupLayout layout = CgroupLayout.of(MountTable.read());
        if (layout.isHybrid()) {
            assertEquals(layout.v2Mounts(), crun.hiddenMounts());
            assertEquals(Optional.empty(), crun.directCommand(), "behind unshare, conmon cannot run it");
            assertEquals(RuncRuntime.onPath("unshare").orElseThrow().toString(), crun.startArgv("id").getFirst());
            RuncRuntime inside = crun.withMountsHidden();
            assertEquals(Optional.of(List.of(RuncRuntime.onPath("crun").orElseThrow().toString(), "--root",
                    dir.resolve("runtime-crun").toString())), inside.directCommand());
            assertEquals(crun.hiddenMounts(), inside.hiddenMounts());
        } else {
            assertEquals(List.of(), crun.hiddenMounts());
            assertTrue(crun.directCommand().isPresent());
        }
    }

    @Test
    void aNameOutsideTheThreeIsRefused() {
        RocketException unknown = assertThrows(RocketException.class, () -> RuntimeChoice.parse("podman"));
        assertEquals(RocketException.Kind.INVALID_ARGUMENT, unknown.kind());
        assertEquals("--oci-runtime=podman: expected auto, runc or crun", unknown.getMessage());
        assertEquals(RuntimeChoice.CRUN, assertDoesNotThrow(() -> RuntimeChoice.parse("crun")));
        assertEquals("crun", RuntimeChoice.CRUN.flagValue());
    }

    @Test
    void holdsLooksAtTheStateDirectoryOfTheRecordedRuntimeOrOfEitherForAuto() throws Exception {
        OciRuntimes runtimes = OciRuntimes.under(dir);
        assertFalse(runtimes.holds(RuntimeChoice.CRUN, "pod-app"));
        Files.createDirectories(dir.resolve("runtime-crun/pod-app"));
        assertTrue(runtimes.holds(RuntimeChoice.CRUN, "pod-app"));
        assertFalse(runtimes.holds(RuntimeChoice.RUNC, "pod-app"));
        assertTrue(runtimes.holds(RuntimeChoice.AUTO, "pod-app"));
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> supplier) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(supplier);
    }
}
