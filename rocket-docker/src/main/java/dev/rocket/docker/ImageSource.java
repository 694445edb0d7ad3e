package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Where a Docker or OCI image comes from, as the user wrote it on the command line. */
sealed interface ImageSource {

    /** {@code docker://[REGISTRY/]REPO[:TAG|@DIGEST]}: a registry. */
    record Registry(DockerReference reference) implements ImageSource {
        URI origin() {
            return URI.create("docker://" + reference);
        }
    }

    /** {@code oci:DIR[:REF]}: an OCI image layout directory. */
    record OciLayout(Path directory, Optional<String> reference) implements ImageSource {
    }

    /** {@code oci-archive:FILE[:REF]}: a tar of an OCI image layout. */
    record OciArchive(Path file, Optional<String> reference) implements ImageSource {
    }

    /** {@code docker-archive:FILE[:REPO:TAG]}: the output of {@code docker save}. */
    record DockerArchive(Path file, Optional<String> reference) implements ImageSource {
    }

    String DOCKER = "docker://";
    String OCI = "oci:";
    String OCI_ARCHIVE = "oci-archive:";
    String DOCKER_ARCHIVE = "docker-archive:";

    /** Whether the argument names a Docker or OCI image rather than an ACI. */
    static boolean matches(String argument) {
        return argument.startsWith(DOCKER) || argument.startsWith(OCI) || argument.startsWith(OCI_ARCHIVE)
                || argument.startsWith(DOCKER_ARCHIVE);
    }

    static ImageSource parse(String argument) throws RocketException {
        if (argument.startsWith(DOCKER)) return new Registry(DockerReference.parse(argument.substring(DOCKER.length())));
        if (argument.startsWith(OCI)) {
            String[] parts = pathAndReference(argument, OCI);
            return new OciLayout(Path.of(parts[0]), Optional.ofNullable(parts[1]));
        }
        if (argument.startsWith(OCI_ARCHIVE)) {
            String[] parts = pathAndReference(argument, OCI_ARCHIVE);
            return new OciArchive(Path.of(parts[0]), Optional.ofNullable(parts[1]));
        }
        if (argument.startsWith(DOCKER_ARCHIVE)) {
            String[] parts = pathAndReference(argument, DOCKER_ARCHIVE);
            return new DockerArchive(Path.of(parts[0]), Optional.ofNullable(parts[1]));
        }
        throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + argument + "\" is not a Docker or OCI image"
                + " (docker://, oci:, oci-archive: or docker-archive:)");
    }

    /** The path and the optional reference after its first colon, as skopeo reads these names. */
    private static String[] pathAndReference(String argument, String prefix) throws RocketException {
        String rest = argument.substring(prefix.length());
        int colon = rest.indexOf(':');
        String path = colon < 0 ? rest : rest.substring(0, colon);
        String reference = colon < 0 || colon == rest.length() - 1 ? null : rest.substring(colon + 1);
        if (path.isEmpty()) throw new RocketException(Kind.INVALID_ARGUMENT, "\"" + argument + "\" names no path");
        return new String[]{path, reference};
    }
}
