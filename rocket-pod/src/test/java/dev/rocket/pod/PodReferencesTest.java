package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.PodUuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodReferencesTest {

    private static final String FIRST = "5bc080ca-9e03-480d-b705-5928af396cc5";
    private static final String SECOND = "5bc09999-8021-419b-9e87-879a7c694de4";
    private static final String THIRD = "3089337c-8021-419b-9e87-879a7c694de4";

    @TempDir
    Path dir;

    private Pods podsIn(PodPhase phase1, String uuid1, PodPhase phase2, String uuid2, PodPhase phase3, String uuid3)
            throws Exception {
        PodLayout layout = new PodLayout(dir);
        Files.createDirectories(layout.phase(phase1).resolve(uuid1));
        Files.createDirectories(layout.phase(phase2).resolve(uuid2));
        Files.createDirectories(layout.phase(phase3).resolve(uuid3));
        Files.createDirectories(layout.phase(PodPhase.RUN).resolve(".not-a-pod"));
        return Pods.at(dir);
    }

    private Pods threePods() throws Exception {
        return podsIn(PodPhase.PREPARED, FIRST, PodPhase.RUN, SECOND, PodPhase.EXITED_GARBAGE, THIRD);
    }

    @Test
    void aUniquePrefixInAnyStateNamesItsPod() throws Exception {
        Pods pods = threePods();
        assertEquals(FIRST, pods.resolve("5bc080").toString());
        assertEquals(SECOND, pods.resolve("5BC09").toString(), "case does not matter");
        assertEquals(THIRD, pods.resolve("3").toString(), "exited garbage pods count too");
        assertEquals(FIRST, pods.resolve(FIRST).toString());
    }

    @Test
    void aWholeUuidIsLookedUpWithoutListingInEveryPhase() throws Exception {
        Pods pods = threePods();
        assertEquals(SECOND, pods.resolve(SECOND.toUpperCase()).toString());
        assertEquals(THIRD, pods.resolve(" " + THIRD + "\n").toString());
        RocketException e = assertThrows(RocketException.class, () -> pods.resolve("5bc080ca-9e03-480d-b705-5928af396cc6"));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("no pod has a UUID starting with \"5bc080ca-9e03-480d-b705-5928af396cc6\""),
                e.getMessage());
    }

    @Test
    void anAmbiguousPrefixListsTheCandidates() throws Exception {
        RocketException e = assertThrows(RocketException.class, () -> threePods().resolve("5bc0"));
        assertEquals(Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("\"5bc0\" is ambiguous"), e.getMessage());
        assertTrue(e.getMessage().contains(FIRST) && e.getMessage().contains(SECOND), e.getMessage());
        assertTrue(e.getMessage().contains("give more digits"), e.getMessage());
    }

    @Test
    void anUnknownPrefixIsNotFound() throws Exception {
        RocketException e = assertThrows(RocketException.class, () -> threePods().resolve("abc"));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("no pod has a UUID starting with \"abc\""), e.getMessage());
    }

    @Test
    void somethingThatIsNoUuidPrefixIsAnInvalidArgument() throws Exception {
        for (String reference : new String[] {"", "  ", "xyz", "../run"}) {
            RocketException e = assertThrows(RocketException.class, () -> threePods().resolve(reference));
            assertEquals(Kind.INVALID_ARGUMENT, e.kind(), reference);
        }
    }

    @Test
    void aUuidFileNamesAnExistingPod() throws Exception {
        Pods pods = threePods();
        Path file = Files.writeString(dir.resolve("mypod"), SECOND + "\n");
        assertEquals(PodUuid.parse(SECOND), pods.resolveUuidFile(file));
    }

    @Test
    void aUuidFileMustHoldAWholeUuidOfAnExistingPod() throws Exception {
        Pods pods = threePods();
        Path prefix = Files.writeString(dir.resolve("prefix"), "5bc080ca");
        Path gone = Files.writeString(dir.resolve("gone"), "00000000-0000-4000-8000-000000000000");

        assertEquals(Kind.INVALID_ARGUMENT, assertThrows(RocketException.class, () -> pods.resolveUuidFile(prefix)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(RocketException.class, () -> pods.resolveUuidFile(gone)).kind());
        assertEquals(Kind.NOT_FOUND,
                assertThrows(RocketException.class, () -> pods.resolveUuidFile(dir.resolve("missing"))).kind());
    }
}
