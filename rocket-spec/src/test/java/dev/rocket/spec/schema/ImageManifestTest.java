package dev.rocket.spec.schema;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.EventHandler;
import dev.rocket.spec.types.ImageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageManifestTest {

    private static final String APP = "\"app\": {\"exec\": [\"/bin/app\"], \"user\": \"0\", \"group\": \"0\"";

    /** A manifest of the current version named example.com/app, with {@code rest} added to its fields. */
    static String image(String rest) {
        return "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \"example.com/app\""
                + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    @Test
    void readsTheSpecificationsExample() throws SpecException {
        ImageManifest m = ImageManifest.parse(AppcExamples.read("image.json"));

        assertEquals(new AcIdentifier("example.com/reduce-worker"), m.name());
        assertEquals("linux", m.labels().get("os").orElseThrow());
        App app = m.app().orElseThrow();
        assertEquals(List.of("/usr/bin/reduce-worker", "--quiet"), app.exec().args());
        assertEquals("100", app.user());
        assertEquals("/usr/bin/data-downloader",
                app.eventHandler(EventHandler.Event.PRE_START).orElseThrow().exec().args().getFirst());
        assertEquals("true", app.environment().get("REDUCE_WORKER_DEBUG").orElseThrow());
        assertEquals(5, app.isolators().size());
        assertEquals(4000, app.ports().getFirst().port());
        assertEquals(1, app.ports().getFirst().count());
        assertTrue(app.ports().getFirst().socketActivated());
        assertEquals("sha512-...", m.dependencies().getFirst().imageId().orElseThrow().value());
        assertEquals(5, m.pathWhitelist().paths().size());
        assertEquals("https://example.com", m.annotations().get("homepage").orElseThrow());
    }

    @Test
    void minimalManifestHasEmptyDefaults() throws SpecException {
        ImageManifest m = ImageManifest.parse(image(""));

        assertEquals(ImageManifest.of(new AcIdentifier("example.com/app")), m);
        assertEquals("{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/app\"}", m.toJson(false));
    }

    @Test
    void acceptsBothSpellingsOfSupplementaryGids() throws SpecException {
        App upper = ImageManifest.parse(image(APP + ", \"supplementaryGIDs\": [400, 500]}")).app().orElseThrow();
        App lower = ImageManifest.parse(image(APP + ", \"supplementaryGids\": [400, 500]}")).app().orElseThrow();

        assertEquals(List.of(400L, 500L), upper.supplementaryGids());
        assertEquals(upper, lower);
    }

    @Test
    void ignoresFieldsTheSpecificationDoesNotDefine() throws SpecException {
        assertEquals(ImageManifest.parse(image("")), ImageManifest.parse(image("\"colour\": [\"blue\"]")));
    }

    @Test
    void nullMeansAbsent() throws SpecException {
        assertEquals(ImageManifest.parse(image("")), ImageManifest.parse(image("\"labels\": null, \"app\": null")));
    }

    @Test
    void reportsEveryViolationInOnePass() {
        SpecException e = assertThrows(SpecException.class, () -> ImageManifest.parse(
                "{\"acKind\": \"PodManifest\", \"acVersion\": \"x\", \"name\": \"Bad Name\","
                        + " \"labels\": [{\"name\": \"os\", \"value\": \"plan9\"}],"
                        + " \"app\": {\"exec\": [\"/x\"], \"ports\": [{\"name\": \"p\", \"protocol\": \"tcp\", \"port\": 0}]}}"));

        List<String> paths = e.violations().stream().map(Violation::path).toList();
        assertEquals(List.of("$.acKind", "$.acVersion", "$.name", "$.app.user", "$.app.group", "$.app.ports[0].port"),
                paths.stream().filter(p -> !p.startsWith("$.labels")).toList());
        assertTrue(e.getMessage().lines().count() >= 6, e.getMessage());
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "acKind": "ImageManifest", "acVersion": "0.8.11", "name": "a" , "name": "b"         | $.name               | Duplicate field 'name'
            "acKind": "Image", "acVersion": "0.8.11", "name": "a"                                | $.acKind             | must be "ImageManifest"
            "acVersion": "0.8.11", "name": "a"                                                   | $.acKind             | required
            "acKind": "ImageManifest", "name": "a"                                               | $.acVersion          | required
            "acKind": "ImageManifest", "acVersion": "0.8", "name": "a"                           | $.acVersion          | SemVer 2.0.0
            "acKind": "ImageManifest", "acVersion": "1.30.0", "name": "a"                        | $.acVersion          | 0.x series
            "acKind": "ImageManifest", "acVersion": "0.8.11"                                     | $.name               | required
            "acKind": "ImageManifest", "acVersion": "0.8.11", "name": 7                          | $.name               | must be a string
            "acKind": "ImageManifest", "acVersion": "0.8.11", "name": "Example.com"              | $.name               | AC Identifier
            """)
    void rejectsBrokenTopLevelFields(String fields, String path, String fragment) {
        assertViolation("{" + fields + "}", path, fragment);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "labels": {"os": "linux"}                                                           | $.labels              | must be a list
            "labels": [{"name": "os", "value": "linux"}, {"name": "os", "value": "linux"}]      | $.labels[1].name      | must be unique
            "labels": [{"name": "name", "value": "x"}]                                          | $.labels[0].name      | cannot be called "name"
            "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "sparc"}]    | $.labels[1].value     | unknown arch for os linux
            "labels": [{"name": "os", "value": "plan9"}]                                        | $.labels[0].value     | unknown os
            "labels": [{"name": "version", "value": ""}]                                        | $.labels[0].value     | must not be empty
            "labels": [{"name": "Version", "value": "1"}]                                       | $.labels[0].name      | AC Identifier
            "annotations": [{"name": "created", "value": "2014-10-27 19:32:27Z"}]               | $.annotations[0].value | RFC 3339
            "annotations": [{"name": "homepage", "value": "ftp://example.com"}]                 | $.annotations[0].value | http or https URL
            "annotations": [{"name": "a", "value": "1"}, {"name": "a", "value": "2"}]          | $.annotations[1].name | must be unique
            "annotations": [{"name": "a"}]                                                      | $.annotations[0].value | required
            "dependencies": [{"imageID": "sha512-abc"}]                                         | $.dependencies[0].imageName | required
            "dependencies": [{"imageName": "a", "imageID": "sha256-abc"}]                       | $.dependencies[0].imageID | only hash algorithm
            "dependencies": [{"imageName": "a", "size": -1}]                                    | $.dependencies[0].size | must not be negative
            "dependencies": [{"imageName": "a", "size": 1.5}]                                   | $.dependencies[0].size | whole number
            "pathWhitelist": ["/etc", "usr/bin"]                                                | $.pathWhitelist[1]    | absolute
            "pathWhitelist": ["/etc", 3]                                                        | $.pathWhitelist[1]    | must be a string
            "app": []                                                                           | $.app                 | JSON object
            """)
    void rejectsBrokenLists(String fields, String path, String fragment) {
        assertViolation(image(fields), path, fragment);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "exec": ["/bin/app"], "group": "0"                                                  | $.app.user            | required
            "exec": ["/bin/app"], "user": "0"                                                   | $.app.group           | required
            "exec": ["/bin/app"], "user": "", "group": "0"                                      | $.app.user            | needs a user
            "exec": [""], "user": "0", "group": "0"                                             | $.app.exec[0]         | must not be empty
            "exec": "/bin/app", "user": "0", "group": "0"                                       | $.app.exec            | must be a list
            "user": "0", "group": "0", "workingDirectory": "work"                               | $.app.workingDirectory | absolute path
            "user": "0", "group": "0", "supplementaryGIDs": [-1]                                | $.app.supplementaryGIDs[0] | from 0 to
            "user": "0", "group": "0", "supplementaryGIDs": [1], "supplementaryGids": [1]       | $.app.supplementaryGids | once
            "user": "0", "group": "0", "eventHandlers": [{"name": "pre-start", "exec": ["/a"]}, {"name": "pre-start", "exec": ["/b"]}] | $.app.eventHandlers[1].name | must be unique
            "user": "0", "group": "0", "eventHandlers": [{"name": "on-crash", "exec": ["/a"]}]  | $.app.eventHandlers[0].name | pre-start, post-stop
            "user": "0", "group": "0", "eventHandlers": [{"name": "post-stop"}]                 | $.app.eventHandlers[0].exec | needs a command
            "user": "0", "group": "0", "environment": [{"name": "1X", "value": ""}]             | $.app.environment[0].name | must not start with a digit
            "user": "0", "group": "0", "environment": [{"name": "X", "value": "1"}, {"name": "X", "value": "2"}] | $.app.environment[1].name | must be unique
            "user": "0", "group": "0", "mountPoints": [{"name": "db", "path": "/a"}, {"name": "db", "path": "/b"}] | $.app.mountPoints[1].name | must be unique
            "user": "0", "group": "0", "mountPoints": [{"name": "data_dir", "path": "/a"}]      | $.app.mountPoints[0].name | AC Name
            "user": "0", "group": "0", "mountPoints": [{"name": "db"}]                          | $.app.mountPoints[0].path | required
            "user": "0", "group": "0", "mountPoints": [{"name": "db", "path": "/a", "readOnly": "yes"}] | $.app.mountPoints[0].readOnly | true or false
            "user": "0", "group": "0", "ports": [{"name": "a", "protocol": "tcp", "port": 1}, {"name": "a", "protocol": "udp", "port": 2}] | $.app.ports[1].name | must be unique
            "user": "0", "group": "0", "ports": [{"name": "a", "protocol": "tcp", "port": 65536}] | $.app.ports[0].port  | from 1 to 65535
            "user": "0", "group": "0", "ports": [{"name": "a", "protocol": "tcp", "port": 65000, "count": 1000}] | $.app.ports[0].count | ends above 65535
            "user": "0", "group": "0", "ports": [{"name": "a", "protocol": "tcp", "port": 80, "count": 0}] | $.app.ports[0].count | at least 1
            "user": "0", "group": "0", "ports": [{"name": "a", "port": 80}]                     | $.app.ports[0].protocol | required
            "user": "0", "group": "0", "isolators": [{"name": "resource/memory"}]               | $.app.isolators[0].value | needs a value
            "user": "0", "group": "0", "isolators": [{"name": "Bad", "value": 1}]               | $.app.isolators[0].name | AC Identifier
            """)
    void rejectsBrokenApps(String appFields, String path, String fragment) {
        assertViolation(image("\"app\": {" + appFields + "}"), path, fragment);
    }

    @Test
    void dependencyIdsMatchImagesByPrefix() throws SpecException {
        ImageId id = ImageId.parse("sha512-" + "ab".repeat(64));
        ImageManifest m = ImageManifest.parse(image("\"dependencies\": [{\"imageName\": \"base\", \"imageID\": \"sha512-abab\"}]"));

        assertTrue(m.dependencies().getFirst().imageId().orElseThrow().matches(id));
        assertFalse(ImageManifest.parse(AppcExamples.read("image.json")).dependencies().getFirst()
                .imageId().orElseThrow().matches(id));
    }

    static void assertViolation(String json, String path, String fragment) {
        SpecException e = assertThrows(SpecException.class, () -> Manifest.parse(json), json);
        boolean found = e.violations().stream()
                .anyMatch(v -> v.path().equals(path) && v.toString().contains(fragment));
        assertTrue(found, () -> "expected a violation at " + path + " mentioning '" + fragment + "', got:\n" + e.getMessage());
    }
}
