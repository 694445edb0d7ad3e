package dev.rocket.stage1.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsolatorReportTest {

    private final IsolatorReport report = new IsolatorReport.Builder("web")
            .enforced("resource/memory", "memory limit 64M (app)")
            .modified("os/linux/seccomp-remove-set", "with @rkt/default-blacklist")
            .ignored("resource/block-iops", "not applied yet")
            .build();

    @Test
    void jsonNamesTheAppAndEachIsolatorsOutcomeInLowerCase() throws Exception {
        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertEquals("web", json.get("app").asText());
        assertEquals("resource/memory", json.at("/entries/0/isolator").asText());
        assertEquals("enforced", json.at("/entries/0/outcome").asText());
        assertEquals("modified", json.at("/entries/1/outcome").asText());
        assertEquals("ignored", json.at("/entries/2/outcome").asText());
        assertEquals("not applied yet", json.at("/entries/2/detail").asText());
    }

    @Test
    void writesTheFormatPodsOfEarlierVersionsHave() {
        IsolatorReport one = new IsolatorReport.Builder("busybox").enforced("seccomp", "default filter").build();
        assertEquals("""
                {
                  "app" : "busybox",
                  "entries" : [ {
                    "isolator" : "seccomp",
                    "outcome" : "enforced",
                    "detail" : "default filter"
                  } ]
                }""", one.toJson());
    }

    @Test
    void refusesJsonThatIsNoReport() {
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("{\"app\": \"web\", \"entries\": [{\"isolator\": 1}]}"));
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("{\"app\": \"web\", \"entries\": [{\"isolator\": \"x\", \"outcome\": \"maybe\", \"detail\": \"\"}]}"));
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("{\"entries\": []}"));
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("{\"app\": \"web\", \"entries\": {}}"));
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("[]"));
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("{\"app\": \"web\", \"entries\": [{\"isolator\": \"x\"}]}"));
        assertThrows(JsonProcessingException.class, () -> IsolatorReport.fromJson("{\"app\": \"web\", \"entries\": ["));
    }

    @Test
    void fieldsALaterRocketAddsAreSkipped() throws Exception {
        IsolatorReport read = IsolatorReport.fromJson("""
                {"app": "web", "since": {"a": [1, 2]}, "entries": [
                  {"isolator": "seccomp", "outcome": "enforced", "detail": "default filter", "extra": [true]}]}""");
        assertEquals(new IsolatorReport.Builder("web").enforced("seccomp", "default filter").build(), read);
    }

    @Test
    void entriesAsJsonForStatus() {
        assertEquals("ignored", report.entriesJson().get(2).get("outcome").asText());
        assertEquals(3, report.entriesJson().size());
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        assertEquals(report, IsolatorReport.fromJson(report.toJson()));
    }

    @Test
    void entriesByOutcome() {
        assertEquals(List.of("resource/block-iops"),
                report.with(IsolatorReport.Outcome.IGNORED).stream().map(IsolatorReport.Entry::isolator).toList());
    }

    @Test
    void ignoredIsolatorsBecomeWarningLines() {
        assertEquals(List.of("app web: isolator resource/block-iops ignored: not applied yet"), report.ignoredWarnings());
    }
}
