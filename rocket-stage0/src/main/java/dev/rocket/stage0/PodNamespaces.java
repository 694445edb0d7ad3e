package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.pod.PodLayout;
import dev.rocket.stage1.oci.IdMapping;
import dev.rocket.stage1.oci.NamespaceSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The namespaces the apps of a pod share (ace.md: network, IPC and UTS), created before the first app and
 * pinned as files under the pod's {@code stage1/ns/}, so that every app joins them by path and they outlive any
 * one app. util-linux's {@code unshare} creates and bind-mounts them, running iproute2's {@code ip link set lo up}
 * in them (when installed) so that loopback is up without a CNI plugin; the other interfaces are the CNI plugins'. Unpinning is unmounting, which {@link PodMounts} does
 * with every other mount of the pod.
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

    /** iproute2's ip: the program unshare runs in the new namespaces brings loopback up (no CNI plugin needed). */
    private static final List<Path> IP = List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"), Path.of("/bin/ip"));

    private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

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
        List<String> command = new ArrayList<>(List.of("unshare", "--uts=" + dir.resolve("uts")));
        if (!hostIpc) command.add("--ipc=" + dir.resolve("ipc"));
        if (!hostNetwork) command.add("--net=" + dir.resolve("net"));
        Path ip = hostNetwork ? null : IP.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (ip != null) command.addAll(List.of(ip.toString(), "link", "set", "lo", "up"));
        else command.add("true");
        try {
            Files.createDirectories(dir);
            for (String kind : List.of("ipc", "uts", "net")) {
                if (!Files.exists(dir.resolve(kind))) Files.createFile(dir.resolve(kind));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PATH", PATH.substring("PATH=".length()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() != 0) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot create the pod's namespaces (" + String.join(" ", command)
                        + "): " + output);
            }
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create the pod's namespaces: " + e.getMessage()
                    + " (util-linux's unshare is needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.INTERNAL, "interrupted while creating the pod's namespaces", e);
        }
        return new Pinned(hostNetwork ? NamespaceSource.host() : NamespaceSource.joined(dir.resolve("net")),
                hostIpc ? NamespaceSource.host() : NamespaceSource.joined(dir.resolve("ipc")),
                NamespaceSource.joined(dir.resolve("uts")), ip != null, Optional.empty());
    }
}
