package dev.rocket.stage1.oci;

import dev.rocket.stage1.isolation.IsolatorReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** An OCI bundle directory: the {@code config.json} a runtime reads; the rootfs is wherever the config says. */
public record OciBundle(Path directory) {

    public static final String CONFIG = "config.json";
    /** The isolator report beside the configuration it describes. */
    public static final String ISOLATORS = "isolators.json";

    public Path configFile() {
        return directory.resolve(CONFIG);
    }

    public Path isolatorsFile() {
        return directory.resolve(ISOLATORS);
    }

    /** Writes {@code config} as this bundle's config.json, whole or not at all (temp file, then rename). */
    public OciBundle write(OciConfig config) throws IOException {
        replace(configFile(), config.toJson());
        return this;
    }

    /** Writes the configuration, then the isolator report as isolators.json, each whole or not at all. */
    public OciBundle write(OciTranslation translation) throws IOException {
        write(translation.config());
        replace(isolatorsFile(), translation.report().toJson());
        return this;
    }

    /** The isolator report written with the configuration; empty for a bundle written without one. */
    public Optional<IsolatorReport> readReport() throws IOException {
        if (!Files.isRegularFile(isolatorsFile())) return Optional.empty();
        return Optional.of(IsolatorReport.fromJson(Files.readString(isolatorsFile())));
    }

    private void replace(Path file, String content) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
