package dev.rocket.stage0;

import dev.rocket.base.InsecureOptions;

import java.util.Optional;

/**
 * What is decided when a pod starts rather than when it is prepared: flags of {@code rkt run} that
 * {@code rkt run-prepared} takes too.
 *
 * @param hostNetwork {@code --net=host}: the host's network namespace; otherwise the pod's own (loopback only)
 * @param hostname    the pod's host name; {@code rkt-<uuid>} when empty
 * @param interactive {@code --interactive}: one app, with the terminal's standard input (and its terminal)
 */
public record PodRunOptions(boolean hostNetwork, Optional<String> hostname, boolean interactive,
                            InsecureOptions insecure) {
}
