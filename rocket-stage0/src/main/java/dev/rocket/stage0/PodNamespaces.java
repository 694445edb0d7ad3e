package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.Namespace;
import dev.rocket.os.linux.Namespaces;
import dev.rocket.pod.PodLayout;
import dev.rocket.stage1.oci.IdMapping;
import dev.rocket.stage1.oci.NamespaceSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespaces the apps of a pod share (ace.md: network, IPC and UTS), created before the first app and
 * pinned as files under the pod's {@code stage1/ns/}, so that every app joins them by path and they outlive any
 * one app. They are made by this process on a thread of its own ({@link Namespaces#pinNew}), which also brings
 * the new network namespace's loopback up, so that no helper process and no CNI plugin is needed for it; the
 * other interfaces are the CNI plugins'. Unpinning is unmounting, which {@link PodMounts} does with every other
 * mount of the pod.
 */
final class PodNamespaces {

    /**
     * The files the namespaces are pinned at, and how each app gets them; {@code loopbackUp} when the pod's own
     * network namespace was created with its loopback up; {@code user} is the pod's own user namespace
     * ({@code --private-users}), which owns the others, or empty for the host's.
     */
    record Pinned(NamespaceSource network, NamespaceSource ipc, NamespaceSource uts, boolean loopbackUp,
                  Optional<Path> user) {
    }

    private PodNamespaces() {
    }

    /**
     * Creates and pins the pod's UTS namespace, and its IPC and network namespaces unless it uses the host's
     * ({@code --ipc=parent}, {@code --net=host}).
     */
    static Pinned pin(Path pod, boolean hostNetwork, boolean hostIpc, Optional<IdMapping> privateUsers) throws RocketException {
        Path dir = PodLayout.namespaces(pod);
        if (privateUsers.isPresent()) {
            if (hostNetwork || hostIpc) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "a pod with --private-users cannot share the host's "
                        + (hostNetwork ? "network (--net=host)" : "IPC namespace (--ipc=parent)")
                        + ": the host's namespaces are not its user namespace's to administer");
            }
            UserNamespacePin.pin(dir, privateUsers.get());
            return new Pinned(NamespaceSource.joined(dir.resolve("net")), NamespaceSource.joined(dir.resolve("ipc")),
                    NamespaceSource.joined(dir.resolve("uts")), false, Optional.of(dir.resolve("user")));
        }
        Map<Namespace, Path> pins = new LinkedHashMap<>();
        pins.put(Namespace.UTS, dir.resolve("uts"));
        if (!hostIpc) pins.put(Namespace.IPC, dir.resolve("ipc"));
        if (!hostNetwork) pins.put(Namespace.NETWORK, dir.resolve("net"));
        try {
            Files.createDirectories(dir);
            for (String kind : List.of("ipc", "uts", "net")) {
                if (!Files.exists(dir.resolve(kind))) Files.createFile(dir.resolve(kind));
            }
            Namespaces.pinNew(pins, true);
        } catch (IOException e) {
            throw new RocketException(e instanceof LinuxException linux ? linux.kind() : Kind.UNAVAILABLE,
                    "cannot create the pod's namespaces: " + e.getMessage(), e);
        }
        return new Pinned(hostNetwork ? NamespaceSource.host() : NamespaceSource.joined(dir.resolve("net")),
                hostIpc ? NamespaceSource.host() : NamespaceSource.joined(dir.resolve("ipc")),
                NamespaceSource.joined(dir.resolve("uts")), !hostNetwork, Optional.empty());
    }
}
