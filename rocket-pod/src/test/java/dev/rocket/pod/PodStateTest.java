package dev.rocket.pod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PodStateTest {

    @ParameterizedTest
    @CsvSource({
            "EMBRYO, false, embryo", "EMBRYO, true, embryo",
            "PREPARE, true, preparing", "PREPARE, false, prepare-failed",
            "PREPARED, false, prepared", "PREPARED, true, prepared",
            "RUN, true, running", "RUN, false, exited",
            "EXITED_GARBAGE, true, exited-deleting", "EXITED_GARBAGE, false, exited-garbage",
            "GARBAGE, true, garbage", "GARBAGE, false, garbage"})
    void theStateIsThePhaseWithTheLockAsRktsTableHasIt(PodPhase phase, boolean locked, String state) {
        assertEquals(state, PodState.of(phase, locked).toString());
    }
}
