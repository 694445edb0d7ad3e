package dev.rocket.pod;

import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.schema.RuntimeImage;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Labels;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Pod manifests for tests: one app per name, each from an image named {@code example.com/NAME}. */
final class TestManifests {

    private TestManifests() {
    }

    static PodManifest oneApp(String name) {
        return apps(name);
    }

    static PodManifest apps(String... names) {
        List<RuntimeApp> apps = Arrays.stream(names).map(TestManifests::app).toList();
        return PodManifest.of(apps);
    }

    static ImageId imageId(String name) {
        byte[] digest = new byte[64];
        digest[0] = (byte) name.hashCode();
        return ImageId.ofDigest(digest);
    }

    private static RuntimeApp app(String name) {
        RuntimeImage image = new RuntimeImage(Optional.of(new AcIdentifier("example.com/" + name)),
                Optional.of(imageId(name)), Labels.NONE);
        return RuntimeApp.of(new AcName(name), image);
    }
}
