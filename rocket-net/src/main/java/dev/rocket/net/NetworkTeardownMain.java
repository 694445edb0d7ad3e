package dev.rocket.net;

import dev.rocket.base.RocketException;

import java.nio.file.Path;

/**
 * {@code java dev.rocket.net.NetworkTeardownMain PODDIR...}: undoes the saved network setup of each pod, for an
 * exit path that has no JVM of its own (e.g. the pod's monitor script after the runtime exits). Prints one line per
 * problem on stderr, no stack trace, and exits 1 if any pod's networks could not be torn down.
 */
public final class NetworkTeardownMain {

    private NetworkTeardownMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: NetworkTeardownMain PODDIR...");
            System.exit(2);
        }
        int status = 0;
        for (String podDir : args) {
            try {
                for (String warning : PodNetworking.tearDownSaved(Path.of(podDir))) {
                    System.err.println("rkt: warning: " + warning);
                }
            } catch (RocketException e) {
                System.err.println("rkt: " + podDir + ": " + e.getMessage());
                status = 1;
            }
        }
        System.exit(status);
    }
}
