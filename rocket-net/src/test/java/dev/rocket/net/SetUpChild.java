package dev.rocket.net;

import dev.rocket.spec.types.PodUuid;

import java.nio.file.Path;
import java.util.List;

/**
 * Child-process entry point for {@link PodNetworkingKillTest}: sets up a pod's networks with the given settings
 * and is killed by the test while a plugin hangs. Arguments: pluginDir configDir ipamDir uuid netns podDir nets.
 */
public final class SetUpChild {

    private SetUpChild() {
    }

    public static void main(String[] args) throws Exception {
        NetworkSettings settings = new NetworkSettings(List.of(Path.of(args[0]), Path.of("/usr/lib/cni")),
                List.of(Path.of(args[1])), Path.of(args[2]));
        new PodNetworking(settings).setUp(PodUuid.parse(args[3]), Path.of(args[4]),
                NetSelection.parse(List.of(args[6])), List.of(), List.of(), Path.of(args[5]));
    }
}
