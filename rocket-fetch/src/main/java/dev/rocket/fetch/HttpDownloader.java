package dev.rocket.fetch;

import dev.rocket.base.InsecureOptions;
import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.store.index.CacheValidators;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Downloads over HTTPS (and HTTP only when {@code --insecure-options=http} allows it) into a file:
 * redirects followed by hand so that each hop's scheme is checked, a stall time-out while reading the
 * body, truncation detected against Content-Length, and conditional requests from cache validators.
 */
public final class HttpDownloader {

    private static final int MAX_REDIRECTS = 10;

    private final LazyClient client;
    private final InsecureOptions insecure;
    private final Duration stallTimeout;
    private final Clock clock;
    private final HostRoutes routes;
    private final AuthHeaders auth;

    /**
     * @param trust the certificates to trust; the JVM's default trust store when empty. Ignored when
     *              {@code --insecure-options=tls} allows any certificate.
     */
    public HttpDownloader(InsecureOptions insecure, Optional<SSLContext> trust, Duration connectTimeout,
                          Duration stallTimeout, Clock clock) throws RocketException {
        this.insecure = insecure;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
        if (insecure.allows(Option.TLS)) {
            // The JDK client reads this once; every rkt command is its own JVM, so it affects this command only.
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        }
        this.client = new LazyClient(insecure, trust, connectTimeout);
        this.routes = HostRoutes.NONE;
        this.auth = AuthHeaders.NONE;
    }

    private HttpDownloader(HttpDownloader base, HostRoutes routes, AuthHeaders auth) {
        this.client = base.client;
        this.insecure = base.insecure;
        this.stallTimeout = base.stallTimeout;
        this.clock = base.clock;
        this.routes = routes;
        this.auth = auth;
    }

    /** This downloader sending {@code auth}'s credentials (over HTTPS only) and connecting as {@code routes} say. */
    public HttpDownloader with(HostRoutes routes, AuthHeaders auth) {
        return new HttpDownloader(this, routes, auth);
    }

    /** A small resource read into memory: a discovery page or a key file. */
    public record Page(URI finalUrl, int status, byte[] body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /**
     * Reads {@code url} into memory, following redirects, at most {@code limit} bytes. An HTTP error status is
     * returned, not thrown, since discovery goes on after one; failures to connect are thrown.
     */
    public Page fetchPage(URI url, int limit) throws RocketException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            checkScheme(current, hop > 0);
            HttpResponse<InputStream> response = send(current, CacheValidators.NONE);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                Optional<String> location = response.headers().firstValue("Location");
                closeQuietly(response.body());
                if (location.isEmpty()) return new Page(current, status, new byte[0]);
                current = current.resolve(location.get());
                continue;
            }
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(limit + 1);
                if (bytes.length > limit) {
                    throw new RocketException(Kind.UNAVAILABLE, current + " is larger than " + limit + " bytes; not reading it");
                }
                return new Page(current, status, bytes);
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "reading " + current + " failed: " + describe(e), e);
            }
        }
        throw new RocketException(Kind.UNAVAILABLE, "more than " + MAX_REDIRECTS + " redirects fetching " + url);
    }

    /** The default: system trust store, 30 s to connect, 60 s without a byte before giving up. */
    public static HttpDownloader withDefaults(InsecureOptions insecure) throws RocketException {
        return new HttpDownloader(insecure, Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(60), Clock.systemUTC());
    }

    /** What a download brought. */
    public record Result(URI finalUrl, boolean notModified, CacheValidators validators, long bytes) {
    }

    /**
     * Fetches {@code url} into {@code target}. With validators, asks the server whether the copy is still
     * current; a 304 gives {@code notModified} and writes nothing.
     */
    public Result download(URI url, Path target, CacheValidators previous, ProgressListener progress) throws RocketException {
        try (Download download = open(url, previous, progress)) {
            if (download.notModified()) return new Result(download.finalUrl(), true, download.validators(), 0);
            long bytes;
            try (OutputStream out = Files.newOutputStream(target)) {
                bytes = download.body().transferTo(out);
            } catch (IOException e) {
                if (download.failure().isPresent()) throw download.failure().get();
                throw new RocketException(Kind.UNAVAILABLE, "cannot write the download of " + url + " to " + target
                        + ": " + describe(e), e);
            }
            return new Result(download.finalUrl(), false, download.validators(), bytes);
        }
    }

    /**
     * Asks for {@code url}, following redirects, and returns once the answer's headers are in; the caller streams
     * the body and closes the download. With validators, a 304 gives {@link Download#notModified()}.
     */
    public Download open(URI url, CacheValidators previous, ProgressListener progress) throws RocketException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            checkScheme(current, hop > 0);
            HttpResponse<InputStream> response = send(current, previous);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElseThrow(() ->
                        new RocketException(Kind.UNAVAILABLE, "the server of " + url + " redirected without a Location"));
                closeQuietly(response.body());
                current = current.resolve(location);
                continue;
            }
            if (status == 304) {
                closeQuietly(response.body());
                return Download.notModified(current, validators(response, previous));
            }
            if (status != 200) {
                closeQuietly(response.body());
                throw statusError(status, current);
            }
            return Download.of(current, validators(response, CacheValidators.NONE), response.body(),
                    response.headers().firstValueAsLong("Content-Length"), stallTimeout, progress);
        }
        throw new RocketException(Kind.UNAVAILABLE, "more than " + MAX_REDIRECTS + " redirects fetching " + url);
    }

    private void checkScheme(URI url, boolean redirected) throws RocketException {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (scheme.equals("https")) return;
        if (scheme.equals("http")) {
            if (insecure.allows(Option.HTTP)) return;
            throw new RocketException(Kind.INVALID_ARGUMENT, (redirected ? "redirected to " : "") + url
                    + ": plain HTTP is refused; use https, or --insecure-options=http to allow it");
        }
        throw new RocketException(Kind.INVALID_ARGUMENT, url + ": only https (and http when allowed) can be fetched");
    }

    private HttpResponse<InputStream> send(URI url, CacheValidators previous) throws RocketException {
        // The timeout bounds the wait for the response headers: a server that accepts and then says nothing
        // (e.g. plain HTTP spoken to by TLS) would otherwise hold discovery forever. The client is made first: the
        // JDK reads the read buffer's size (HttpClients) when its first request or client is made.
        HttpClient http = client.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(routes.route(url)).GET().header("User-Agent", "rocket")
                .timeout(stallTimeout);
        auth.headerFor(url).ifPresent(header -> request.header("Authorization", header));
        previous.etag().ifPresent(etag -> request.header("If-None-Match", etag));
        previous.lastModified().ifPresent(date -> request.header("If-Modified-Since", date));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new RocketException(Kind.UNAVAILABLE, "timed out connecting to " + url, e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new RocketException(Kind.UNAVAILABLE, "no answer from " + url + " within " + stallTimeout.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot connect to " + url + ": connection refused", e);
        } catch (SSLHandshakeException e) {
            throw new RocketException(Kind.VERIFICATION_FAILED, "TLS handshake with " + url.getHost() + " failed ("
                    + e.getMessage() + "); its certificate is not trusted (--insecure-options=tls accepts any)", e);
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "fetching " + url + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.UNAVAILABLE, "interrupted while fetching " + url, e);
        }
    }

    private CacheValidators validators(HttpResponse<?> response, CacheValidators previous) {
        Optional<String> etag = response.headers().firstValue("ETag").or(previous::etag);
        Optional<String> lastModified = response.headers().firstValue("Last-Modified").or(previous::lastModified);
        Optional<Instant> expires = response.headers().firstValue("Cache-Control").flatMap(this::maxAge)
                .map(age -> clock.instant().plus(age));
        return new CacheValidators(etag, lastModified, expires);
    }

    private Optional<Duration> maxAge(String cacheControl) {
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim().toLowerCase(java.util.Locale.ROOT);
            if (d.equals("no-cache") || d.equals("no-store")) return Optional.of(Duration.ZERO);
            if (d.startsWith("max-age=")) {
                try {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(d.substring(8).replace("\"", ""))));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static RocketException statusError(int status, URI url) {
        Kind kind = switch (status) {
            case 404, 410 -> Kind.NOT_FOUND;
            case 401, 403 -> Kind.PERMISSION_DENIED;
            default -> Kind.UNAVAILABLE;
        };
        String hint = kind == Kind.PERMISSION_DENIED ? "; if it needs credentials, configure them in auth.d (basic or oauth)" : "";
        return new RocketException(kind, "fetching " + url + " failed: HTTP " + status + hint);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The HTTP client, built on first use: its TLS set-up costs a command that fetches from a file a good part of
     * its start-up for nothing.
     */
    private static final class LazyClient {
        private final InsecureOptions insecure;
        private final Optional<SSLContext> trust;
        private final Duration connectTimeout;
        private HttpClient client;

        LazyClient(InsecureOptions insecure, Optional<SSLContext> trust, Duration connectTimeout) {
            this.insecure = insecure;
            this.trust = trust;
            this.connectTimeout = connectTimeout;
        }

        synchronized HttpClient get() throws RocketException {
            if (client == null) {
                HttpClient.Builder builder = HttpClients.newBuilder().connectTimeout(connectTimeout);
                if (insecure.allows(Option.TLS)) {
                    builder.sslContext(TrustAll.context());
                } else {
                    trust.ifPresent(builder::sslContext);
                }
                client = builder.build();
            }
            return client;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is best effort here
        }
    }
}
