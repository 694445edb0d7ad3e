package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.net.HostsFile;
import dev.rocket.net.NetworkAttachment;
import dev.rocket.net.NetworkSettings;
import dev.rocket.net.PodNetworking;
import dev.rocket.net.ResolvConf;
import dev.rocket.spec.types.PodUuid;
import dev.rocket.spec.types.Port;
import dev.rocket.stage1.oci.VolumeMount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A pod's own network: the CNI networks joined in its pinned namespace, and the {@code /etc/resolv.conf} and
 * {@code /etc/hosts} every app of the pod sees (written to {@code stage1/etc/} and bound into each app).
 */
final class PodNetworkFiles {

    private final NetworkSettings settings;
    private final PodUuid uuid;
    private final Path pod;
    private final PodRunOptions options;

    PodNetworkFiles(NetworkSettings settings, PodUuid uuid, Path pod, PodRunOptions options) {
        this.settings = settings;
        this.uuid = uuid;
        this.pod = pod;
        this.options = options;
    }

    /**
     * Joins the networks (loopback too, unless {@code loopbackUp}), each interface limited to {@code bandwidth}
     * bytes per second if given; the files to bind into every app.
     */
    List<VolumeMount> setUp(Path netns, List<Port> appPorts, OptionalLong bandwidth, boolean loopbackUp)
            throws RocketException, IOException {
        List<NetworkAttachment> attached = new PodNetworking(settings).setUp(uuid, netns, options.net(), options.ports(),
                appPorts, bandwidth, pod, loopbackUp);
        Path etc = Files.createDirectories(pod.resolve("stage1").resolve("etc"));
        List<VolumeMount> files = new ArrayList<>();
        ResolvConf resolv = ResolvConf.decide(options.dns(), attached.stream().map(NetworkAttachment::dns).toList());
        switch (resolv.source()) {
            case GENERATED -> files.add(file(Files.writeString(etc.resolve("resolv.conf"), resolv.content()), "/etc/resolv.conf"));
            case HOST -> files.add(new VolumeMount(Path.of("/etc/resolv.conf"), "/etc/resolv.conf", true, false));
            case IMAGE -> { }
        }
        String hostname = options.hostname().orElse(HostsFile.defaultHostname(uuid));
        HostsFile hosts = HostsFile.render(options.hostsEntries(), hostname, attached.stream().findFirst().map(NetworkAttachment::ip));
        files.add(file(Files.writeString(etc.resolve("hosts"), hosts.content()), "/etc/hosts"));
        return files;
    }

    private static VolumeMount file(Path source, String target) {
        return new VolumeMount(source.toAbsolutePath(), target, false, false);
    }

    /**
     * The command the pod's process runs once its apps have exited, to leave the networks: a bash script with the
     * plugins' DEL invocations (no JVM; gc does the same, and sweeps leftover rules, if the pod's process was
     * killed or the script failed). Empty if there is nothing to tear down.
     */
    static List<String> teardownCommand(Path pod) throws RocketException {
        return PodNetworking.writeTeardownScript(pod)
                .map(script -> List.of("/bin/bash", script.toAbsolutePath().toString()))
                .orElse(List.of());
    }
}
