package dev.rocket.store;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.ImageId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The program that {@link ImageStoreProcessTest} runs in child JVMs, one store operation per process:
 * <pre>
 * write DIR SEED SIZE DELAY_MILLIS NAME   prints the image ID
 * remove-loop DIR NAME ITERATIONS         removes the image named NAME whenever it is there
 * gc-loop DIR ITERATIONS                  collects every image not used in the last instant
 * </pre>
 */
public final class StoreChild {

    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        try (ImageStore store = ImageStore.open(new StoreLayout(Path.of(args[1])))) {
            switch (args[0]) {
                case "write" -> {
                    ImageId id = store.write(
                            new GeneratedContent(Long.parseLong(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4])),
                            ImageRecordInfo.of(new AcIdentifier(args[5]), Map.of()));
                    System.out.println(id);
                }
                case "remove-loop" -> {
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        try {
                            store.remove(store.resolve(args[2]).id());
                        } catch (RocketException e) {
                            if (e.kind() != Kind.NOT_FOUND) throw e;
                        }
                        Thread.sleep(20);
                    }
                }
                case "gc-loop" -> {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        store.gc(Duration.ZERO);
                        Thread.sleep(20);
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }
}
