package dev.rocket.cli.rkt;

import dev.rocket.base.Trace;
import dev.rocket.store.index.SqliteImageIndex;

/**
 * For the {@code rkt image} commands, which all open the image store: sets up the SQLite driver (native library,
 * date formats, logger; see {@link SqliteImageIndex#warmUp}) on a thread of its own from {@code main}, while the
 * command line is parsed on the other core, instead of after it.
 */
final class StoreWarmUp {

    private StoreWarmUp() {
    }

    /** Whether the command line names {@code image} as its command (the first argument not an option). */
    static boolean wanted(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) continue;
            return arg.equals("image");
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
