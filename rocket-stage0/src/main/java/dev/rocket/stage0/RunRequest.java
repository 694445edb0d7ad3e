package dev.rocket.stage0;

import dev.rocket.base.InsecureOptions;
import dev.rocket.stage1.oci.Flavor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code rkt run} was asked to do.
 *
 * @param images       image arguments: paths, URLs, names or image IDs
 * @param exec         a command line replacing the image's, when given
 * @param hostNetwork  {@code --net=host}: the host's network namespace; otherwise a private one (loopback only)
 * @param hostname     the pod's host name; {@code rkt-<uuid>} when empty
 * @param uuidFileSave where to write the pod's UUID, when given
 */
public record RunRequest(List<String> images, Optional<List<String>> exec, boolean hostNetwork, Optional<String> hostname,
                         Optional<Path> uuidFileSave, Flavor flavor, InsecureOptions insecure) {

    public RunRequest {
        images = List.copyOf(images);
    }
}
