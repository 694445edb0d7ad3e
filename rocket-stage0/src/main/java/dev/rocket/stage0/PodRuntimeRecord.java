package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodLayout;
import dev.rocket.stage1.runtime.OciRuntime;
import dev.rocket.stage1.runtime.OciRuntimes;
import dev.rocket.stage1.runtime.RuntimeChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The OCI runtime a pod was prepared for, by name in {@code stage1/oci-runtime}: its start, {@code rkt stop},
 * {@code enter}, {@code rm} and {@code gc} all use that one, whatever {@code --oci-runtime} a later pod chose.
 */
public final class PodRuntimeRecord {

    static final String FILE = "oci-runtime";

    private PodRuntimeRecord() {
    }

    static void write(Path podDir, OciRuntime runtime) throws IOException {
        Files.writeString(PodLayout.stage1(podDir).resolve(FILE), runtime.name() + "\n");
    }

    /** The runtime the pod in {@code podDir} recorded; auto for a pod that recorded none. */
    public static RuntimeChoice read(Path podDir) throws RocketException {
        Path file = PodLayout.stage1(podDir).resolve(FILE);
        String name;
        try {
            name = Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            return RuntimeChoice.AUTO;
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return RuntimeChoice.parse(name);
        } catch (RocketException e) {
            throw new RocketException(Kind.INTERNAL, "pod " + podDir.getFileName() + " records an unknown OCI runtime: " + name, e);
        }
    }

    /** The runtime of the pod in {@code podDir}. */
    public static OciRuntime of(Path podDir, OciRuntimes runtimes) throws RocketException {
        return runtimes.choose(read(podDir));
    }
}
