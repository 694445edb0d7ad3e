package dev.rocket.fetch;

import dev.rocket.base.InsecureOptions;
import dev.rocket.store.ImageStore;
import dev.rocket.store.StoreLayout;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.TrustDirectories;
import dev.rocket.trust.TrustStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A separate process doing what {@code rkt fetch} does: args DATA-DIR CONFIG-DIR IMAGE [INSECURE-OPTION...]. */
public final class FetchChild {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path config = Path.of(args[1]);
        InsecureOptions insecure = InsecureOptions.parse(List.of(args).subList(3, args.length));
        TrustStore trust = new TrustStore(new TrustDirectories(config.resolve("lib"), config.resolve("etc"), Optional.empty()));
        try (ImageStore store = ImageStore.open(new StoreLayout(data))) {
            HttpDownloader http = new HttpDownloader(insecure, Optional.empty(), Duration.ofSeconds(10),
                    Duration.ofSeconds(60), Clock.systemUTC());
            ImageFetcher fetcher = new ImageFetcher(store, new SignatureVerifier(trust), http, insecure, FetchEvents.NONE);
            System.out.println(fetcher.fetch(args[2], Optional.empty(), PullPolicy.UPDATE).id());
        }
    }
}
