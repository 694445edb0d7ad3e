package dev.rocket.spec.schema;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.rocket.spec.schema.ImageManifestTest.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodManifestTest {

    private static final String ID = "sha512-" + "0a".repeat(64);

    static String pod(String apps, String rest) {
        return "{\"acVersion\": \"0.8.11\", \"acKind\": \"PodManifest\", \"apps\": [" + apps + "]"
                + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    static String app(String name, String rest) {
        return "{\"name\": \"" + name + "\", \"image\": {\"id\": \"" + ID + "\"}" + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    @Test
    void readsTheRuntimeExample() throws SpecException {
        PodManifest pod = PodManifest.parse(AppcExamples.read("pod_runtime.json"));

        assertEquals(3, pod.apps().size());
        RuntimeApp backup = pod.app(new AcName("backup")).orElseThrow();
        assertEquals("/mnt/out", backup.mounts().get(1).path());
        assertTrue(pod.volume(new AcName("dbvolume")).orElseThrow().effectiveReadOnly());
        assertEquals(0777, pod.volume(new AcName("buildoutput")).orElseThrow().effectiveMode());
        assertEquals("10.1.2.3", pod.annotations().get("ip-address").orElseThrow());
        assertTrue(pod.reificationProblems().isEmpty());
    }

    @Test
    void aTemplateParsesButIsNotReified() throws SpecException {
        PodManifest template = PodManifest.parse(AppcExamples.read("pod_template.json"));

        assertEquals("$.apps[1].image.id", template.reificationProblems().getFirst().path());
        assertEquals(2, template.reificationProblems().size());
    }

    @Test
    void rktsNullListsReadAsAbsent() throws SpecException {
        PodManifest pod = PodManifest.parse(pod(app("a", ""), "\"volumes\": null, \"isolators\": null, \"ports\": []"));

        assertTrue(pod.volumes().isEmpty());
        assertFalse(pod.toJson(false).contains("volumes"));
    }

    @Test
    void writesHostIpAndPodPort() throws SpecException {
        String json = pod(app("a", ""), "\"ports\": [{\"name\": \"ftp\", \"hostPort\": 2121, \"hostIP\": \"203.0.113.23\","
                + " \"podPort\": {\"name\": \"ftp\", \"protocol\": \"tcp\", \"port\": 21}}]");
        PodManifest pod = PodManifest.parse(json);

        assertEquals("203.0.113.23", pod.ports().getFirst().hostIp().orElseThrow().getHostAddress());
        assertEquals(pod, PodManifest.parse(pod.toJson(true)));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"acVersion": "0.8.11", "acKind": "PodManifest"}                                        | $.apps               | required
            {"acVersion": "0.8.11", "acKind": "PodManifest", "apps": {}}                           | $.apps               | must be a list
            {"acVersion": "0.8.11", "acKind": "PodManifest", "apps": [{"image": {}}]}              | $.apps[0].name       | required
            {"acVersion": "0.8.11", "acKind": "PodManifest", "apps": [{"name": "a"}]}              | $.apps[0].image      | required
            {"acVersion": "0.8.11", "acKind": "PodManifest", "apps": [{"name": "a", "image": {"id": "sha512-12"}}]} | $.apps[0].image.id | 128 lowercase hex
            {"acVersion": "0.8.11", "acKind": "PodManifest", "apps": [{"name": "A", "image": {}}]} | $.apps[0].name       | AC Name
            """)
    void rejectsBrokenPods(String json, String path, String fragment) {
        assertViolation(json, path, fragment);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `"readOnlyRootFS": "true"`                                                          | $.apps[0].readOnlyRootFS     | true or false
            `"mounts": [{"volume": "nowhere", "path": "/data"}]`                                | $.apps[0].mounts[0].volume   | no volume of this name
            `"mounts": [{"volume": "db"}]`                                                      | $.apps[0].mounts[0].path     | required
            `"mounts": [{"volume": "db", "path": "/d", "appVolume": {"name": "db", "kind": "host"}}]` | $.apps[0].mounts[0].appVolume.source | needs a source
            `"app": {"exec": ["/x"]}`                                                            | $.apps[0].app.user           | required
            `"annotations": [{"name": "a", "value": "1"}, {"name": "a", "value": "1"}]`          | $.apps[0].annotations[1].name | must be unique
            """)
    void rejectsBrokenApps(String appFields, String path, String fragment) {
        assertViolation(pod(app("a", appFields), ""), path, fragment);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `"volumes": [{"name": "v", "kind": "host", "source": "/a"}, {"name": "v", "kind": "empty"}]` | $.volumes[1].name  | must be unique
            `"volumes": [{"name": "v", "kind": "tmpfs"}]`                                       | $.volumes[0].kind     | "host" or "empty"
            `"volumes": [{"name": "v", "kind": "host", "source": "data"}]`                      | $.volumes[0].source   | absolute path
            `"volumes": [{"name": "v", "kind": "host", "source": "/a", "mode": "0700"}]`        | $.volumes[0].mode     | only allowed for volumes of kind "empty"
            `"volumes": [{"name": "v", "kind": "empty", "source": "/a"}]`                       | $.volumes[0].source   | has no source
            `"volumes": [{"name": "v", "kind": "empty", "recursive": true}]`                    | $.volumes[0].recursive | only allowed for volumes of kind "host"
            `"volumes": [{"name": "v", "kind": "empty", "mode": "rwx"}]`                        | $.volumes[0].mode     | octal
            `"volumes": [{"name": "v", "kind": "empty", "uid": -1}]`                            | $.volumes[0].uid      | must not be negative
            `"ports": [{"name": "p", "hostPort": 80}, {"name": "p", "hostPort": 81}]`          | $.ports[1].name       | must be unique
            `"ports": [{"name": "p", "hostPort": 0}]`                                           | $.ports[0].hostPort   | from 1 to 65535
            `"ports": [{"name": "p", "hostPort": 80, "hostIP": "::1"}]`                         | $.ports[0].hostIP     | dotted-quad
            `"ports": [{"name": "p"}]`                                                          | $.ports[0].hostPort   | required
            `"isolators": [{"name": "resource/memory"}]`                                        | $.isolators[0].value  | needs a value
            `"userLabels": {"a": 1}`                                                            | $.userLabels.a        | must be a string
            """)
    void rejectsBrokenPodLevelFields(String fields, String path, String fragment) {
        assertViolation(pod(app("a", ""), fields), path, fragment);
    }

    @Test
    void anImageManifestIsNotAPodManifest() {
        SpecException e = assertThrows(SpecException.class, () -> PodManifest.parse(AppcExamples.read("image.json")));

        assertEquals("$.acKind", e.violations().getFirst().path());
        assertTrue(e.getMessage().contains("must be \"PodManifest\""), e.getMessage());
    }

    @Test
    void appNamesAndAppPortNamesAreUniqueInThePod() {
        String ports = "\"app\": {\"user\": \"0\", \"group\": \"0\","
                + " \"ports\": [{\"name\": \"http\", \"protocol\": \"tcp\", \"port\": 80}]}";
        assertViolation(pod(app("a", "") + ", " + app("a", ""), ""), "$.apps[1].name", "must be unique");
        assertViolation(pod(app("a", ports) + ", " + app("b", ports), ""), "$.apps[1].app.ports[0].name",
                "app a already has this one");
    }
}
