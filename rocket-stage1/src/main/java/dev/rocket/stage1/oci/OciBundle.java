package dev.rocket.stage1.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An OCI bundle directory: the {@code config.json} a runtime reads; the rootfs is wherever the config says. */
public record OciBundle(Path directory) {

    public static final String CONFIG = "config.json";

    public Path configFile() {
        return directory.resolve(CONFIG);
    }

    /** Writes {@code config} as this bundle's config.json, whole or not at all (temp file, then rename). */
    public OciBundle write(OciConfig config) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, ".config", ".json");
        try {
            Files.writeString(temp, config.toJson());
            Files.move(temp, configFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return this;
    }
}
