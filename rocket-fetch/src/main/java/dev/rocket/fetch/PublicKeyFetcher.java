package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.trust.OpenPgpKey;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;

/** Downloads a public key file named by {@code ac-discovery-pubkeys}. */
public final class PublicKeyFetcher {

    /** Key files with many certifications stay well below this. */
    private static final int KEY_FILE_LIMIT = 1 << 20;

    private final HttpDownloader http;

    public PublicKeyFetcher(HttpDownloader http) {
        this.http = http;
    }

    /** The keys at {@code url}; plain HTTP only when {@code allowHttp} (and the downloader allows it too). */
    public List<OpenPgpKey> fetch(URI url, boolean allowHttp) throws RocketException {
        if (!"https".equals(url.getScheme()) && !(allowHttp && "http".equals(url.getScheme()))) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "refusing to fetch keys from " + url + ": only https is trusted for keys (plain HTTP needs --insecure-allow-http)");
        }
        HttpDownloader.Page page = http.fetchPage(url, KEY_FILE_LIMIT);
        if (!page.ok()) {
            throw new RocketException(page.status() == 404 ? Kind.NOT_FOUND : Kind.UNAVAILABLE,
                    "fetching keys from " + url + " failed: HTTP " + page.status());
        }
        return OpenPgpKey.readAll(new ByteArrayInputStream(page.body()), url.toString());
    }
}
