package dev.rocket.spec.discovery;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscoveryTest {

    private static final String PAGE = """
            <!DOCTYPE html><html><head>
            <META name="ac-discovery" content="example.com https://storage.example.com/{os}/{arch}/{name}-{version}.{ext}">
            <meta name="ac-discovery" content="example.com hdfs://storage.example.com/{name}-{version}-{os}-{arch}.{ext}">
            <meta name="ac-discovery" content="other.org https://other.org/{name}.{ext}">
            <meta name="ac-discovery" content="example.com https://storage.example.com/{channel}/{name}.{ext}">
            <meta name="ac-discovery" content="just-one-word">
            <!-- <meta name="ac-discovery" content="example.com https://commented.out/{name}.{ext}"> -->
            <meta name="ac-discovery-pubkeys" content="example.com https://example.com/pubkeys.gpg">
            <meta name="ac-discovery-pubkeys" content="other.org https://other.org/keys.gpg">
            </head><body>hello</body></html>
            """;

    private static DiscoveryRequest request(Map<String, String> given) {
        return DiscoveryRequest.of("example.com/reduce-worker", given, "linux", "amd64");
    }

    @Test
    void pageGivesTheSpecExampleUrls() {
        MetaTags tags = MetaTags.parse(PAGE);
        assertEquals(4, tags.images().size());
        DiscoveryRequest request = request(Map.of("version", "1.0.0"));
        DiscoveredEndpoints endpoints = DiscoveredEndpoints.of(tags, request.name(), request.labels());
        assertEquals(List.of(
                new DiscoveredEndpoints.ImageEndpoint(
                        "https://storage.example.com/linux/amd64/example.com/reduce-worker-1.0.0.aci",
                        "https://storage.example.com/linux/amd64/example.com/reduce-worker-1.0.0.aci.asc"),
                new DiscoveredEndpoints.ImageEndpoint(
                        "hdfs://storage.example.com/example.com/reduce-worker-1.0.0-linux-amd64.aci",
                        "hdfs://storage.example.com/example.com/reduce-worker-1.0.0-linux-amd64.aci.asc")),
                endpoints.images(), "other prefixes, unfilled placeholders and comments are left out");
        assertEquals(List.of("https://example.com/pubkeys.gpg"), endpoints.publicKeys());
    }

    @Test
    void templatesNeedEveryValueTheyName() {
        assertEquals(Optional.of("https://h/stable/a/b.aci"),
                DiscoveryTemplate.expand("https://h/{channel}/{name}.{ext}", "a/b", Map.of("channel", "stable"), "aci"));
        assertEquals(Optional.empty(), DiscoveryTemplate.expand("https://h/{channel}/{name}.{ext}", "a/b", Map.of(), "aci"));
        assertEquals(Optional.of("https://h/$1\\x.aci"), DiscoveryTemplate.expand("https://h/{version}.{ext}", "n", Map.of("version", "$1\\x"), "aci"));
    }

    @Test
    void defaultsFillOnlyWhatIsMissing() {
        DiscoveryRequest request = request(Map.of("os", "freebsd"));
        assertEquals(Map.of("os", "freebsd", "version", "latest", "arch", "amd64"), request.labels());
        assertEquals(Map.of("os", "freebsd"), request.given());
    }

    @Test
    void discoveryWalksUpTheName() {
        assertEquals(List.of("example.com/project/sub", "example.com/project", "example.com"),
                DiscoveryPaths.candidates("example.com/project/sub"));
        assertEquals(URI.create("https://example.com/project?ac-discovery=1"), DiscoveryPaths.discoveryUrl("https", "example.com/project"));
    }

    @Test
    void labelRuleOfTheSpec() {
        DiscoveryRequest versioned = request(Map.of("version", "1.0.0"));
        assertEquals(List.of(), LabelMatch.mismatches(versioned, "example.com/reduce-worker",
                Map.of("version", "1.0.0", "os", "linux", "arch", "amd64", "extra", "any")));
        assertEquals(List.of("the image has version=2.0.0, not version=1.0.0"),
                LabelMatch.mismatches(versioned, "example.com/reduce-worker", Map.of("version", "2.0.0")));
        assertEquals(List.of("the image has no label version (asked for version=1.0.0)"),
                LabelMatch.mismatches(versioned, "example.com/reduce-worker", Map.of()));
        assertTrue(LabelMatch.mismatches(versioned, "example.com/other", Map.of("version", "1.0.0")).getFirst().contains("named"));
        DiscoveryRequest latest = request(Map.of());
        assertEquals(List.of(), LabelMatch.mismatches(latest, "example.com/reduce-worker", Map.of("version", "3.1")),
                "a defaulted latest version matches any version");
        assertEquals(List.of("the image has arch=aarch64, not arch=amd64"),
                LabelMatch.mismatches(latest, "example.com/reduce-worker", Map.of("arch", "aarch64")));
    }

    @Test
    void hostPlatformNames() {
        assertEquals(Optional.of("linux"), HostPlatform.os("Linux"));
        assertEquals(Optional.of("amd64"), HostPlatform.arch("amd64"));
        assertEquals(Optional.of("aarch64"), HostPlatform.arch("aarch64"));
        assertEquals(Optional.empty(), HostPlatform.arch("sparc"));
    }
}
