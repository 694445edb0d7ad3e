package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.fetch.ImageFetcher;
import dev.rocket.fetch.ProgressListener;
import dev.rocket.store.ImageStore;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustStore;

import java.io.PrintWriter;

/**
 * The image fetcher of a command: global options for trust and insecure escapes, its messages on stderr, and a
 * progress bar there when the command runs on a terminal (quiet otherwise).
 */
final class CommandFetcher {

    private CommandFetcher() {
    }

    static ImageFetcher of(GlobalOptions global, ImageStore store, PrintWriter err) throws RocketException {
        boolean terminal = FetchProgressBar.terminal();
        FetchEvents events = new FetchEvents() {
            private FetchProgressBar bar;

            @Override
            public void info(String message) {
                endBar();
                err.println("rkt: " + message);
                err.flush();
            }

            @Override
            public void warning(String message) {
                endBar();
                err.println("rkt: warning: " + message);
                err.flush();
            }

            @Override
            public ProgressListener progress(String what) {
                if (!terminal) return ProgressListener.NONE;
                endBar();
                bar = new FetchProgressBar(err, what, System::nanoTime);
                return bar;
            }

            private void endBar() {
                if (bar != null) bar.endLine();
            }
        };
        return new ImageFetcher(store, new SignatureVerifier(new TrustStore(global.trustDirectories())),
                HttpDownloader.withDefaults(global.insecure()), global.insecure(), events);
    }
}
