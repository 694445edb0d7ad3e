package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.store.index.CacheValidators;
import dev.rocket.trust.OpenPgpKey;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the public keys {@code rkt trust} is asked to trust, from a key file or a URL: {@code https://}, or
 * {@code http://} only when {@code --insecure-allow-http} says so (a key fetched over plain HTTP can be
 * swapped on the way; the fingerprint review is then the only protection).
 */
public final class KeyFetcher {

    private final HttpDownloader http;
    private final boolean allowHttp;

    /** {@code http} must itself allow plain HTTP when {@code allowHttp} is set (it checks every redirect). */
    public KeyFetcher(HttpDownloader http, boolean allowHttp) {
        this.http = http;
        this.allowHttp = allowHttp;
    }

    /** Every key in the file or document at {@code location}. */
    public List<OpenPgpKey> keys(String location) throws RocketException {
        if (location.startsWith("https://") || location.startsWith("http://")) return download(url(location));
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            return OpenPgpKey.readAll(in, location);
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, "key file " + location + " does not exist");
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot read key file " + location + ": " + e.getMessage(), e);
        }
    }

    private List<OpenPgpKey> download(URI url) throws RocketException {
        if (url.getScheme().equals("http") && !allowHttp) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "refusing to fetch key " + url + " over plain HTTP,"
                    + " where anyone on the way could replace it; use https, or --insecure-allow-http");
        }
        Path file;
        try {
            file = Files.createTempFile("rkt-trust-", ".key");
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            http.download(url, file, CacheValidators.NONE, ProgressListener.NONE);
            try (InputStream in = Files.newInputStream(file)) {
                return OpenPgpKey.readAll(in, url.toString());
            }
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read the key downloaded from " + url + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a public key left in the temp directory reveals nothing
            }
        }
    }

    private static URI url(String location) throws RocketException {
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "not a valid key URL: " + location + " (" + e.getReason() + ")");
        }
    }
}
