package dev.rocket.pod;

import dev.rocket.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodSummaryTest {

    private static final Instant CREATED = Instant.parse("2016-01-25T16:42:32.563Z");
    private static final Instant STARTED = Instant.parse("2016-01-25T16:44:05.294123Z");

    @Test
    void theWireFormReadsBackToTheSameSummary() throws Exception {
        PodSummary summary = PodSummary.createdAt(CREATED).withApps(TestManifests.apps("redis", "etcd")).startedAt(STARTED);

        PodSummary read = PodSummary.parse(summary.toString());

        assertEquals(summary, read);
        assertEquals(Optional.of(STARTED), read.started());
        assertEquals("example.com/etcd", read.apps().get(1).imageName().orElseThrow().value());
    }

    @Test
    void timesAreWrittenAsEpochSecondsAndNanosecondsWithTheIsoFormForPeople() {
        assertTrue(PodSummary.createdAt(CREATED).toString().contains("\ncreated 1453740152.563000000 2016-01-25T16:42:32.563Z\n"));
    }

    @Test
    void unknownImagesAndLaterKeysAreTolerated() throws Exception {
        PodSummary read = PodSummary.parse("rocket-pod-summary 1\ncreated 1453740152.563000000\nnetworks default\napp web - -\n");
        assertEquals(List.of(new PodApp(new dev.rocket.spec.types.AcName("web"), Optional.empty(), Optional.empty())),
                read.apps());
        assertEquals(Optional.of(CREATED), read.created());
    }

    @Test
    void lineBreaksBlankLinesAndTrailingSpacesReadAsBefore() throws Exception {
        PodSummary summary = PodSummary.createdAt(CREATED).withApps(TestManifests.apps("redis", "etcd")).startedAt(STARTED);
        String text = summary.toString();

        assertEquals(summary, PodSummary.parse(text.replace("\n", "\r\n")));
        assertEquals(summary, PodSummary.parse(text.replace("\n", "\r")));
        assertEquals(summary, PodSummary.parse(text.replace("\n", "\n\n").stripTrailing()));
        assertEquals(summary, PodSummary.parse(text.replace("\napp ", "  \napp ")));
        assertThrows(SpecException.class, () -> PodSummary.parse(""));
        assertThrows(SpecException.class, () -> PodSummary.parse("rocket-pod-summary 10\n"));
    }

    @Test
    void aBrokenSummarySaysWhereAndWhy() {
        SpecException header = assertThrows(SpecException.class, () -> PodSummary.parse("{}"));
        assertTrue(header.getMessage().startsWith("line 1: \"{}\": a pod summary starts with"), header.getMessage());
        SpecException time = assertThrows(SpecException.class,
                () -> PodSummary.parse("rocket-pod-summary 1\ncreated yesterday\n"));
        assertTrue(time.getMessage().startsWith("line 2: \"yesterday\""), time.getMessage());
        SpecException app = assertThrows(SpecException.class,
                () -> PodSummary.parse("rocket-pod-summary 1\napp Web - -\n"));
        assertTrue(app.getMessage().startsWith("line 2"), app.getMessage());
    }
}
