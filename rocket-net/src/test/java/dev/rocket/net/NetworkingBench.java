package dev.rocket.net;

import dev.rocket.spec.types.PodUuid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Manual measurement, not a test: times netns creation, setUp and tearDown of the default network N times in a
 * temporary directory. Run as root with the test class path; prints medians in milliseconds.
 */
public final class NetworkingBench {

    private NetworkingBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path tmp = Files.createTempDirectory("rocket-net-bench");
        NetworkSettings settings = new NetworkSettings(List.of(Path.of("/usr/lib/cni")), List.of(), tmp.resolve("ipam"));
        PodNetworking networking = new PodNetworking(settings);
        long[] create = new long[rounds];
        long[] up = new long[rounds];
        long[] down = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            Path podDir = Files.createDirectories(tmp.resolve("pod" + i));
            Path netns = podDir.resolve("net");
            long t0 = System.nanoTime();
            NetnsFile.create(netns);
            long t1 = System.nanoTime();
            networking.setUp(PodUuid.random(), netns, List.of(NetworkRequest.of("default")), podDir);
            long t2 = System.nanoTime();
            networking.tearDown(podDir);
            NetnsFile.remove(netns);
            long t3 = System.nanoTime();
            create[i] = t1 - t0;
            up[i] = t2 - t1;
            down[i] = t3 - t2;
        }
        System.out.printf("netns create %.1f ms, setUp(default) %.1f ms, tearDown+remove %.1f ms (median of %d)%n",
                median(create), median(up), median(down), rounds);
        try (var walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
