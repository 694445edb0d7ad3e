package dev.rocket.mds;

import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.schema.PodManifest;
import dev.rocket.spec.schema.RuntimeApp;
import dev.rocket.spec.schema.RuntimeImage;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.AcVersion;
import dev.rocket.spec.types.Annotation;
import dev.rocket.spec.types.Annotations;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Labels;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.UserMap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * A pod of one app {@code web} as stage0 would register it: the image carries annotations {@code authors} and
 * {@code example.com/role=image}, the pod overrides {@code example.com/role} for the app and has its own
 * {@code example.com/owner} annotation.
 */
record FakePod(PodUuid uuid, ImageId imageId, String imageManifestJson, String podManifestJson) {

    static FakePod create(String name) throws Exception {
        ImageManifest image = ImageManifest.of(new AcIdentifier("example.com/" + name)).withAnnotations(Annotations.of(
                Annotation.of("authors", "Rocket tests"), Annotation.of("example.com/role", "image")));
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(name.getBytes(StandardCharsets.UTF_8));
        ImageId id = ImageId.ofDigest(digest);
        RuntimeApp app = new RuntimeApp(new AcName("web"),
                new RuntimeImage(Optional.of(image.name()), Optional.of(id), Labels.NONE), Optional.empty(), false,
                List.of(), Annotations.of(Annotation.of("example.com/role", "pod-" + name)));
        PodManifest pod = new PodManifest(AcVersion.CURRENT, List.of(app), List.of(), List.of(),
                Annotations.of(Annotation.of("example.com/owner", name)), List.of(), UserMap.NONE, UserMap.NONE);
        return new FakePod(PodUuid.random(), id, image.toJson(false), pod.toJson(true));
    }

    Registration registration() throws Exception {
        return Registration.of(uuid, podManifestJson, List.of(AppImage.parse("web", imageId.value(), imageManifestJson)));
    }
}
