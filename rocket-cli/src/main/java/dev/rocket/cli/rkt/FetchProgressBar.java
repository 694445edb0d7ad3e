package dev.rocket.cli.rkt;

import dev.rocket.cli.output.Humanize;
import dev.rocket.fetch.ProgressListener;

import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A download's progress on one terminal line, redrawn in place with a carriage return and at most ten times
 * a second; used only when stderr is a terminal, since a log file would fill with the redraws.
 */
final class FetchProgressBar implements ProgressListener {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String what;
    private final LongSupplier nanoClock;
    private long lastDrawn = Long.MIN_VALUE;
    private boolean lineOpen;

    FetchProgressBar(PrintWriter err, String what, LongSupplier nanoClock) {
        this.err = err;
        this.what = what;
        this.nanoClock = nanoClock;
    }

    /** True when stdin and stdout are a terminal, the JDK's test; stderr is redirected with them in practice. */
    static boolean terminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void transferred(long bytes, OptionalLong total) {
        boolean done = total.isPresent() && bytes >= total.getAsLong();
        long now = nanoClock.getAsLong();
        if (!done && lastDrawn != Long.MIN_VALUE && now - lastDrawn < REDRAW_NANOS) return;
        lastDrawn = now;
        err.print("\r" + line(what, bytes, total));
        lineOpen = !done;
        if (done) err.println();
        err.flush();
    }

    /** Ends a line left open by a download that stopped before its announced end, before other messages. */
    void endLine() {
        if (!lineOpen) return;
        err.println();
        err.flush();
        lineOpen = false;
    }

    /** {@code Downloading aci: [=====>        ]  12MiB/100MiB}, or just the bytes when the size is not known. */
    static String line(String what, long bytes, OptionalLong total) {
        StringBuilder line = new StringBuilder("Downloading ").append(what).append(": ");
        if (total.isEmpty() || total.getAsLong() <= 0) return line.append(Humanize.bytes(bytes)).toString();
        long size = total.getAsLong();
        int filled = (int) Math.min(BAR_WIDTH, bytes * BAR_WIDTH / size);
        line.append('[');
        for (int i = 0; i < BAR_WIDTH; i++) {
            line.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return line.append("] ").append(Humanize.bytes(bytes)).append('/').append(Humanize.bytes(size)).toString();
    }
}
