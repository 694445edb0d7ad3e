package dev.rocket.stage1.oci;

import java.nio.file.Path;

/**
 * Where a container gets one of its namespaces from: a new one of its own, the host's, or an existing one
 * joined by path ({@code /proc/PID/ns/net} or a pinned file such as {@code /run/netns/NAME}).
 */
public sealed interface NamespaceSource {

    /** A new namespace for the container alone. */
    record Private() implements NamespaceSource {
    }

    /** The host's namespace, shared as it is (rkt's fly). */
    record Host() implements NamespaceSource {
    }

    /** An existing namespace, joined through a file that refers to it. */
    record Joined(Path path) implements NamespaceSource {
        public Joined {
            if (path == null || !path.isAbsolute()) {
                throw new IllegalArgumentException("a namespace to join needs an absolute path: " + path);
            }
        }
    }

    static NamespaceSource ofPrivate() {
        return new Private();
    }

    static NamespaceSource host() {
        return new Host();
    }

    static NamespaceSource joined(Path path) {
        return new Joined(path);
    }
}
