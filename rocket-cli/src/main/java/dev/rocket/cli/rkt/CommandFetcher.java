package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.fetch.ImageFetcher;
import dev.rocket.store.ImageStore;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustStore;

import java.io.PrintWriter;

/** The image fetcher of a command: global options for trust and insecure escapes, its messages on stderr. */
final class CommandFetcher {

    private CommandFetcher() {
    }

    static ImageFetcher of(GlobalOptions global, ImageStore store, PrintWriter err) throws RocketException {
        FetchEvents events = new FetchEvents() {
            @Override
            public void info(String message) {
                err.println("rkt: " + message);
                err.flush();
            }

            @Override
            public void warning(String message) {
                err.println("rkt: warning: " + message);
                err.flush();
            }
        };
        return new ImageFetcher(store, new SignatureVerifier(new TrustStore(global.trustDirectories())),
                HttpDownloader.withDefaults(global.insecure()), global.insecure(), events);
    }
}
