package dev.rocket.mds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apps in real runc containers (host network, as {@code --net=host}) reading the metadata service with busybox
 * {@code wget} through their {@code AC_METADATA_URL}: every endpoint, sign in one pod and verify in another, a
 * wrong token and a tampered signature refused.
 */
class MetadataFromAPodTest {

    @TempDir
    Path dir;

    MetadataService service;

    @BeforeEach
    void start() throws Exception {
        service = MetadataService.start(new MetadataServiceConfig(dir.resolve("mds.sock"),
                InetAddress.getLoopbackAddress(), 0, "127.0.0.1", Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    @Test
    void appsReadTheirMetadataAndProveTheirIdentityAcrossPods() throws Exception {
        MetadataRegistration registration = MetadataRegistration.at(service.socket());
        FakePod alpha = FakePod.create("alpha");
        FakePod beta = FakePod.create("beta");
        RegisteredUrl alphaUrl = registration.register(alpha.registration());
        RegisteredUrl betaUrl = registration.register(beta.registration());
        BusyboxPod pods = new BusyboxPod(dir);

        BusyboxPod.Result a = pods.run("""
                W='/bin/busybox wget -q -O -'
                U="$AC_METADATA_URL/acMetadata/v1"
                echo "uuid=$($W $U/pod/uuid)"
                echo "manifest=$($W $U/pod/manifest | /bin/busybox tr -d ' \\n')"
                echo "pod-annotations=$($W $U/pod/annotations)"
                echo "owner=$($W $U/pod/annotations/example.com/owner)"
                echo "app-annotations=$($W $U/apps/$AC_APP_NAME/annotations)"
                echo "role=$($W $U/apps/$AC_APP_NAME/annotations/example.com/role)"
                echo "image-manifest=$($W $U/apps/$AC_APP_NAME/image/manifest)"
                echo "image-id=$($W $U/apps/$AC_APP_NAME/image/id)"
                echo "signature=$($W --post-data=content=I+am+alpha $U/pod/hmac/sign)"
                """, Map.of("AC_METADATA_URL", alphaUrl.url(), "AC_APP_NAME", "web"));
        assertEquals(0, a.exitCode(), a.err());
        Map<String, String> out = lines(a.out());
        assertEquals(alpha.uuid().toString(), out.get("uuid"));
        assertEquals(alpha.podManifestJson().replace(" ", "").replace("\n", ""), out.get("manifest"));
        assertEquals("[{\"name\":\"example.com/owner\",\"value\":\"alpha\"}]", out.get("pod-annotations"));
        assertEquals("alpha", out.get("owner"));
        assertEquals("[{\"name\":\"authors\",\"value\":\"Rocket tests\"},{\"name\":\"example.com/role\",\"value\":\"pod-alpha\"}]",
                out.get("app-annotations"));
        assertEquals("pod-alpha", out.get("role"));
        assertEquals(alpha.imageManifestJson(), out.get("image-manifest"));
        assertEquals(alpha.imageId().value(), out.get("image-id"));
        String signature = out.get("signature");
        assertEquals(64, Base64.getDecoder().decode(signature).length);

        byte[] tampered = Base64.getDecoder().decode(signature);
        tampered[0] ^= 1;
        BusyboxPod.Result b = pods.run("""
                W='/bin/busybox wget -q -O -'
                U="$AC_METADATA_URL/acMetadata/v1"
                if $W --post-data="$GOOD" $U/pod/hmac/verify; then echo good=200; else echo good=refused; fi
                # without -q, so that wget says which status it got
                L='/bin/busybox wget -O -'
                if E=$($L --post-data="$TAMPERED" $U/pod/hmac/verify 2>&1); then echo tampered=200; else echo "tampered=$(echo "$E" | /bin/busybox grep error)"; fi
                if E=$($L "$WRONG/acMetadata/v1/pod/uuid" 2>&1); then echo wrong-token=200; else echo "wrong-token=$(echo "$E" | /bin/busybox grep error)"; fi
                echo "uuid=$($W $U/pod/uuid)"
                """, Map.of("AC_METADATA_URL", betaUrl.url(), "AC_APP_NAME", "web",
                "GOOD", form(alpha, "I am alpha", signature),
                "TAMPERED", form(alpha, "I am alpha", Base64.getEncoder().encodeToString(tampered)),
                "WRONG", "http://127.0.0.1:" + service.port() + "/" + PodToken.generate()));
        assertEquals(0, b.exitCode(), b.err());
        Map<String, String> verified = lines(b.out());
        assertEquals("200", verified.get("good"));
        assertTrue(verified.get("tampered").contains("403"), b.out());
        assertTrue(verified.get("wrong-token").contains("401"), b.out());
        assertEquals(beta.uuid().toString(), verified.get("uuid"));
    }

    private static String form(FakePod signer, String content, String signature) {
        return "content=" + URLEncoder.encode(content, StandardCharsets.UTF_8) + "&uuid=" + signer.uuid()
                + "&signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    private static Map<String, String> lines(String output) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return values;
    }
}
