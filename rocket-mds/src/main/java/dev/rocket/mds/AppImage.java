package dev.rocket.mds;

import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.AcName;
import dev.rocket.spec.types.ImageId;

/**
 * The image one app of a registered pod runs: its ID and its manifest, kept as the original JSON (served as
 * {@code image/manifest}) and parsed (for its annotations).
 */
public record AppImage(AcName app, ImageId id, ImageManifest manifest, String manifestJson) {

    /** Reads what a registration says about one app; names the app in every error. */
    public static AppImage parse(String app, String imageId, String imageManifestJson) throws RocketException {
        AcName name;
        try {
            name = AcName.parse(app);
        } catch (SpecException e) {
            throw RocketException.invalid("app name", e);
        }
        try {
            return new AppImage(name, ImageId.parse(imageId), ImageManifest.parse(imageManifestJson), imageManifestJson);
        } catch (SpecException e) {
            throw RocketException.invalid("image of app " + app, e);
        }
    }
}
