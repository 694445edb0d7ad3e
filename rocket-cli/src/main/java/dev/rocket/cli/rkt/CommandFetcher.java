package dev.rocket.cli.rkt;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.fetch.HttpsKeyTrust;
import dev.rocket.fetch.ImageDiscovery;
import dev.rocket.fetch.ImageFetcher;
import dev.rocket.fetch.MetaDiscovery;
import dev.rocket.fetch.PublicKeyFetcher;
import dev.rocket.store.ImageStore;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustStore;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The image fetcher of a command: global options for trust, insecure escapes, auth.d credentials and
 * discovery of names (with {@code --trust-keys-from-https}), its messages on stderr. {@code rkt run} gets
 * discovery of names by calling this fetcher with the name.
 */
final class CommandFetcher {

    private CommandFetcher() {
    }

    static ImageFetcher of(GlobalOptions global, ImageStore store, PrintWriter err) throws RocketException {
        FetchEvents events = events(err);
        InsecureOptions insecure = global.insecure();
        HttpDownloader http = global.http(insecure);
        TrustStore trust = new TrustStore(global.trustDirectories());
        Optional<HttpsKeyTrust> keyTrust = Optional.empty();
        if (global.trustKeysFromHttps) {
            if (insecure.allows(InsecureOptions.Option.TLS)) {
                events.warning("--trust-keys-from-https is ignored: with --insecure-options=tls, HTTPS proves nothing");
            } else {
                keyTrust = Optional.of(new HttpsKeyTrust(new PublicKeyFetcher(http), trust, events));
            }
        }
        ImageDiscovery discovery = ImageDiscovery.forHost(new MetaDiscovery(http, insecure, events), insecure, keyTrust);
        return new ImageFetcher(store, new SignatureVerifier(trust), http, insecure, events, Optional.of(discovery));
    }

    static FetchEvents events(PrintWriter err) {
        return new FetchEvents() {
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
    }
}
