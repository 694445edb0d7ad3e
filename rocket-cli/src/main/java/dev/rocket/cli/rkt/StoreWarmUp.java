package dev.rocket.cli.rkt;

import dev.rocket.base.Trace;
import dev.rocket.store.index.SqliteImageIndex;

/**
 * For the commands that open the image store but start no pod ({@code rkt image ...}, {@code fetch}, {@code export};
 * a pod's start has its own, {@code StartWarmUp}): sets up the SQLite driver (native library,
 * date formats, logger; see {@link SqliteImageIndex#warmUp}) on a thread of its own from {@code main}, while the
 * command line is parsed on the other core, instead of after it.
 */
final class StoreWarmUp {

    private StoreWarmUp() {
    }

    /** Whether the command line's command (its first argument not an option) is one of those. */
    static boolean wanted(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) continue;
            return arg.equals("image") || arg.equals("fetch") || arg.equals("export");
        }
        return false;
    }

    static void begin() {
        Thread.ofPlatform().daemon().name("rkt-store-warm-up").start(() -> {
            SqliteImageIndex.warmUp();
            Trace.mark("early warm-up: SQLite driver ready");
        });
    }
}
