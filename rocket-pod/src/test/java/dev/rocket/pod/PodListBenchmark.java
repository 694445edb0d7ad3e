package dev.rocket.pod;

import java.nio.file.Path;
import java.util.List;

/**
 * Measures listing outside the test suite. {@code generate DIR N} makes N pods under DIR (a third prepared, the
 * rest exited, each with a two-app manifest); {@code list DIR} lists them once and prints how many and how long
 * it took, as {@code rkt list} would in a fresh JVM. Compare whole-JVM runs with hyperfine, for example:
 * <pre>
 * hyperfine -N 'java --enable-native-access=ALL-UNNAMED -cp CP dev.rocket.pod.PodListBenchmark list DIR'
 * </pre>
 */
public final class PodListBenchmark {

    private PodListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Pods pods = Pods.at(Path.of(args[1]));
        switch (args[0]) {
            case "generate" -> {
                int count = Integer.parseInt(args[2]);
                for (int i = 0; i < count; i++) {
                    try (PreparingPod pod = pods.create()) {
                        pod.writeManifest(TestManifests.apps("web", "db"));
                        if (i % 3 == 0) {
                            pod.markPrepared();
                        } else {
                            pod.markRunning().close();
                        }
                    }
                }
            }
            case "list" -> {
                long start = System.nanoTime();
                List<PodInfo> listed = pods.list();
                long micros = (System.nanoTime() - start) / 1000;
                System.out.println(listed.size() + " pods listed in " + micros + " us");
            }
            default -> throw new IllegalArgumentException("generate DIR N | list DIR");
        }
    }
}
