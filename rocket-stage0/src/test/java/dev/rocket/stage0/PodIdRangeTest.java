package dev.rocket.stage0;

import dev.rocket.pod.PodLayout;
import dev.rocket.stage1.oci.IdMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PodIdRangeTest {

    @TempDir
    Path dir;

    @Test
    void podsGetTheLowestFreeBlockAndNeverOneAnotherPodHolds() throws Exception {
        PodLayout layout = new PodLayout(dir);
        Path first = Files.createDirectories(layout.phase(dev.rocket.pod.PodPhase.RUN).resolve("a"));
        Path second = Files.createDirectories(layout.phase(dev.rocket.pod.PodPhase.PREPARE).resolve("b"));
        IdMapping one = PodIdRange.allocate(layout, first);
        IdMapping two = PodIdRange.allocate(layout, second);
        assertEquals(new IdMapping(PodIdRange.FIRST_HOST_ID, IdMapping.DEFAULT_SIZE), one);
        assertNotEquals(one.hostId(), two.hostId());
        assertEquals(Optional.of(two), PodIdRange.read(second));
        // gc deleting a pod frees its block for the next one
        Files.delete(first.resolve("stage1/private-users"));
        assertEquals(one, PodIdRange.allocate(layout, Files.createDirectories(layout.phase(dev.rocket.pod.PodPhase.RUN).resolve("c"))));
        assertEquals(Optional.empty(), PodIdRange.read(Files.createDirectories(dir.resolve("plain"))));
    }

    @Test
    void whenEveryBlockIsTakenThereIsNone() {
        Set<Long> taken = new java.util.HashSet<>();
        for (int i = 0; i < PodIdRange.BLOCKS; i++) taken.add(PodIdRange.FIRST_HOST_ID + i * IdMapping.DEFAULT_SIZE);
        assertEquals(Optional.empty(), PodIdRange.free(taken));
        taken.remove(PodIdRange.FIRST_HOST_ID + 7 * IdMapping.DEFAULT_SIZE);
        assertEquals(PodIdRange.FIRST_HOST_ID + 7 * IdMapping.DEFAULT_SIZE, PodIdRange.free(taken).orElseThrow().hostId());
    }
}
