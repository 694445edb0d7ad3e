package dev.rocket.pod;

import java.nio.file.Path;

/**
 * A child JVM that creates a pod under the data directory of its argument, prints the UUID and stays in
 * prepare holding the lock until it is killed: a preparing process that dies.
 */
public final class PreparingProbe {

    private PreparingProbe() {
    }

    public static void main(String[] args) throws Exception {
        PreparingPod pod = Pods.at(Path.of(args[0])).create();
        System.out.println(pod.uuid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
