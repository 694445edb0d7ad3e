package dev.rocket.cli.rkt;

import dev.rocket.base.Trace;
import dev.rocket.os.crypto.OpenSslProvider;
import dev.rocket.store.index.SqliteImageIndex;

/**
 * For the commands that open the image store but start no pod ({@code rkt image ...}, {@code fetch}, {@code export};
 * a pod's start has its own, {@code StartWarmUp}): sets up the SQLite driver (native library,
 * date formats, logger; see {@link SqliteImageIndex#warmUp}) on a thread of its own from {@code main}, while the
 * command line is parsed on the other core, instead of after it; for {@code fetch}, then binds OpenSSL's digests
 * ({@link OpenSslProvider#warmUp}) while the command reads the signature or opens the connection (a small signed
 * fetch 507 -> 483 ms, over HTTPS 1.05 -> 1.00 s).
 */
final class StoreWarmUp {

    private StoreWarmUp() {
    }

    /** Whether the command line's command (its first argument not an option) is one of those. */
    static boolean wanted(String[] args) {
        String command = RktCommand.commandWord(args);
        return command.equals("image") || command.equals("fetch") || command.equals("export");
    }

    static void begin(String[] args) {
        boolean fetch = RktCommand.commandWord(args).equals("fetch");
        Thread.ofPlatform().daemon().name("rkt-store-warm-up").start(() -> {
            SqliteImageIndex.warmUp();
            Trace.mark("early warm-up: SQLite driver ready");
            if (fetch) {
                OpenSslProvider.warmUp();
                Trace.mark("early warm-up: digests bound");
            }
        });
    }
}
