package dev.rocket.cli.rkt;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.RocketException;
import dev.rocket.docker.DockerAuthConfig;
import dev.rocket.docker.DockerFetcher;
import dev.rocket.docker.LookasideConfig;
import dev.rocket.fetch.FetchEvents;
import dev.rocket.fetch.HttpDownloader;
import dev.rocket.fetch.HttpsKeyTrust;
import dev.rocket.fetch.ImageDiscovery;
import dev.rocket.fetch.ImageFetcher;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.stage0.ImageSource;
import dev.rocket.fetch.MetaDiscovery;
import dev.rocket.fetch.PublicKeyFetcher;
import dev.rocket.fetch.ProgressListener;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.TreeStore;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustStore;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The image fetcher of a command: global options for trust, insecure escapes, auth.d credentials and
 * discovery of names (with {@code --trust-keys-from-https}), its messages on stderr, and a progress bar there
 * when the command runs on a terminal (quiet otherwise). {@code rkt run} gets discovery of names by calling
 * this fetcher with the name.
 */
final class CommandFetcher {

    /** Fetches one image named on the command line. */
    interface Fetch {
        ImageRecord fetch(String image, Optional<String> signature, PullPolicy policy) throws RocketException;
    }

    /**
     * What rkt run fetches: Docker and OCI references, URLs, and image files; names and IDs come from the store.
     * The fetchers (an HTTP client with its TLS set-up, trust store, discovery) are made on the first fetch, so
     * that a pod of stored images does not pay for them.
     */
    static ImageSource imageSource(GlobalOptions global, ImageStore store, PrintWriter err) throws RocketException {
        return new ImageSource() {
            private Fetch fetch;

            @Override
            public boolean fetches(String image) {
                return DockerFetcher.handles(image) || image.contains("://") || image.endsWith(".aci")
                        || Files.exists(Path.of(image));
            }

            @Override
            public ImageRecord fetch(String image, Optional<String> signature, PullPolicy policy) throws RocketException {
                if (fetch == null) fetch = dispatching(global, store, err);
                return fetch.fetch(image, signature, policy);
            }
        };
    }

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

    /** The one dispatch point: Docker and OCI images (docker://, oci:, oci-archive:, docker-archive:) or ACIs. */
    static Fetch dispatching(GlobalOptions global, ImageStore store, PrintWriter err) throws RocketException {
        return dispatching(global, store, err, Optional.empty());
    }

    /** With {@code trees}, ACIs are also rendered in the fetch's one pass where they allow it ({@code fetch --render}). */
    static Fetch dispatching(GlobalOptions global, ImageStore store, PrintWriter err, Optional<TreeStore> trees)
            throws RocketException {
        ImageFetcher acis = of(global, store, err);
        trees.ifPresent(acis::renderingInto);
        return (image, signature, policy) -> {
            if (!DockerFetcher.handles(image)) return acis.fetch(image, signature, policy);
            if (signature.isPresent()) {
                throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "--signature applies to ACIs only, not to " + image);
            }
            List<Path> configs = new ArrayList<>(List.of(global.systemConfig, global.localConfig));
            if (global.userConfig != null) configs.add(global.userConfig);
            DockerFetcher.SignaturePolicy signatures = new DockerFetcher.SignaturePolicy(
                    Optional.of(new SignatureVerifier(new TrustStore(global.trustDirectories()))), LookasideConfig.read(configs));
            return new DockerFetcher(store, global.insecure(), events(err), Optional.empty(), DockerAuthConfig.read(configs),
                    signatures).fetch(image, policy);
        };
    }

    static FetchEvents events(PrintWriter err) {
        boolean terminal = FetchProgressBar.terminal();
        return new FetchEvents() {
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
    }
}
