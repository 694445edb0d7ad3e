package dev.rocket.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.fetch.HttpClients;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Registry HTTP API v2 for one repository, with the JDK's HTTP client: manifests by tag or digest,
 * blobs by digest, each checked against its digest. Authentication follows the registry's
 * {@code WWW-Authenticate} challenge: a bearer token from its realm (anonymous, or with the credentials),
 * or basic auth with the credentials. HTTPS first; plain HTTP only when {@code allowHttp} (a registry that
 * does not speak TLS). Redirects are followed here, so that credentials never go to another host.
 */
final class RegistryClient implements BlobSource {

    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final String ACCEPT = String.join(", ", ManifestResolver.OCI_INDEX, ManifestResolver.DOCKER_LIST,
            ManifestResolver.OCI_MANIFEST, ManifestResolver.DOCKER_MANIFEST);

    /** A manifest as the registry served it. */
    record Manifest(byte[] bytes, String mediaType) {
    }

    private final HttpClient http;
    private final String registry;
    private final String repository;
    private final boolean allowHttp;
    private final Optional<Credentials> credentials;
    private String scheme = "https";
    private boolean schemeChosen;
    private Optional<String> authorization = Optional.empty();

    RegistryClient(HttpClient http, String registry, String repository, boolean allowHttp, Optional<Credentials> credentials) {
        this.http = http;
        this.registry = registry;
        this.repository = repository;
        this.allowHttp = allowHttp;
        this.credentials = credentials;
    }

    static HttpClient defaultHttpClient(Optional<javax.net.ssl.SSLContext> tls) {
        HttpClient.Builder builder = HttpClients.newBuilder()
                .connectTimeout(Duration.ofSeconds(30)).version(HttpClient.Version.HTTP_1_1);
        tls.ifPresent(builder::sslContext);
        return builder.build();
    }

    /** The manifest named by a tag or digest; by digest, it is checked against it. */
    Manifest manifest(String reference) throws RocketException {
        HttpResponse<InputStream> response = get("manifests/" + reference, ACCEPT);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                throw new RocketException(Kind.NOT_FOUND, "the registry " + registry + " has no image " + repository
                        + (reference.contains(":") ? "@" : ":") + reference);
            }
            requireOk(response, "the manifest " + reference);
            byte[] bytes = body.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new RocketException(Kind.INVALID_ARGUMENT, "the manifest of " + repository + " is larger than 4 MiB; refused");
            }
            Optional<String> served = response.headers().firstValue("Docker-Content-Digest");
            String expected = reference.contains(":") ? reference : served.orElse(null);
            if (expected != null) Digest.parse(expected, "the manifest of " + repository).verify(bytes, "the manifest of " + repository);
            return new Manifest(bytes, response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public byte[] manifest(Digest digest) throws RocketException {
        return manifest(digest.toString()).bytes();
    }

    @Override
    public byte[] blob(Digest digest, String what) throws RocketException {
        HttpResponse<InputStream> response = get("blobs/" + digest, "*/*");
        try (InputStream body = response.body()) {
            requireBlob(response, digest, what);
            return VerifiedCopy.read(body, digest, MAX_MANIFEST_BYTES, what);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void copyBlob(Digest digest, long size, Path target, String what) throws RocketException {
        HttpResponse<InputStream> response = get("blobs/" + digest, "*/*");
        try (InputStream body = response.body()) {
            requireBlob(response, digest, what);
            VerifiedCopy.copy(body, digest, size, target, what);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private void requireBlob(HttpResponse<InputStream> response, Digest digest, String what) throws RocketException {
        if (response.statusCode() == 404) {
            throw new RocketException(Kind.NOT_FOUND, "the registry " + registry + " has no blob " + digest + " (" + what
                    + ") in " + repository);
        }
        requireOk(response, what);
    }

    private HttpResponse<InputStream> get(String path, String accept) throws RocketException {
        chooseScheme();
        HttpResponse<InputStream> response = follow(URI.create(base() + repository + "/" + path), accept);
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            discard(response);
            authenticate(AuthChallenge.parse(challenge).orElseThrow(() -> new RocketException(Kind.PERMISSION_DENIED,
                    "the registry " + registry + " refused access to " + repository + " without saying how to authenticate")));
            response = follow(URI.create(base() + repository + "/" + path), accept);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                discard(response);
                throw new RocketException(Kind.PERMISSION_DENIED, "the registry " + registry + " refused access to "
                        + repository + (credentials.isPresent() ? " with the configured credentials" : "; it needs credentials"));
            }
        }
        return response;
    }

    /** HTTPS unless the registry does not speak TLS and plain HTTP is allowed; decided once, with {@code /v2/}. */
    private void chooseScheme() throws RocketException {
        if (schemeChosen) return;
        try {
            discard(send(URI.create("https://" + registry + "/v2/"), "*/*", false));
        } catch (RocketException e) {
            if (!allowHttp || !isTls(e)) throw e;
            scheme = "http";
        }
        schemeChosen = true;
    }

    private RocketException plainHttpPassword(String host) {
        return new RocketException(Kind.PERMISSION_DENIED, "Rocket does not send the password for " + registry
                + " to " + host + " over plain HTTP; the registry must use HTTPS");
    }

    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) return true;
        }
        return false;
    }

    private String base() {
        return scheme + "://" + registry + "/v2/";
    }

    private void authenticate(AuthChallenge challenge) throws RocketException {
        switch (challenge.scheme()) {
            case "bearer" -> authorization = Optional.of("Bearer " + token(challenge));
            case "basic" -> {
                Credentials given = credentials.orElseThrow(() -> new RocketException(Kind.PERMISSION_DENIED,
                        "the registry " + registry + " needs a user name and password for " + repository));
                if (!scheme.equals("https")) throw plainHttpPassword(registry);
                authorization = Optional.of(given.basicHeader());
            }
            default -> throw new RocketException(Kind.PERMISSION_DENIED, "the registry " + registry
                    + " asks for authentication scheme \"" + challenge.scheme() + "\", which Rocket does not support");
        }
    }

    private String token(AuthChallenge challenge) throws RocketException {
        String realm = challenge.parameters().get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new RocketException(Kind.PERMISSION_DENIED, "the registry " + registry + " asks for a bearer token but names no realm");
        }
        StringBuilder url = new StringBuilder(realm);
        String separator = realm.contains("?") ? "&" : "?";
        for (String key : new String[]{"service", "scope"}) {
            String value = challenge.parameters().get(key);
            if (key.equals("scope") && value == null) value = "repository:" + repository + ":pull";
            if (value == null) continue;
            url.append(separator).append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            separator = "&";
        }
        URI uri = URI.create(url.toString());
        if (!uri.getScheme().equals("https") && !allowHttp) {
            throw new RocketException(Kind.PERMISSION_DENIED, "the registry " + registry + " sends for tokens to " + uri
                    + ", which is not HTTPS; allow it with --insecure-options=http");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (credentials.isPresent()) {
            if (!uri.getScheme().equals("https")) throw plainHttpPassword(uri.getAuthority());
            request.header("Authorization", credentials.get().basicHeader());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new RocketException(Kind.PERMISSION_DENIED, "the token service " + uri.getHost() + " of " + registry
                        + " refused a token for " + repository + " (HTTP " + response.statusCode() + ")");
            }
            JsonNode json = ManifestResolver.parse(response.body(), "the token of " + uri.getHost());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new RocketException(Kind.PERMISSION_DENIED, "the token service " + uri.getHost() + " returned no token");
            }
            return token;
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.UNAVAILABLE, "interrupted while authenticating to " + registry, e);
        }
    }

    private HttpResponse<InputStream> follow(URI uri, String accept) throws RocketException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            boolean sameHost = current.getAuthority().equals(uri.getAuthority());
            HttpResponse<InputStream> response = send(current, accept, sameHost);
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) return response;
            Optional<String> location = response.headers().firstValue("Location");
            discard(response);
            if (location.isEmpty()) throw new RocketException(Kind.UNAVAILABLE, registry + " redirected without a Location");
            URI next = current.resolve(location.get());
            if (!next.getScheme().equals("https") && !(allowHttp && next.getScheme().equals("http"))) {
                throw new RocketException(Kind.PERMISSION_DENIED, registry + " redirected to " + next
                        + ", which is not HTTPS; allow it with --insecure-options=http");
            }
            current = next;
        }
        throw new RocketException(Kind.UNAVAILABLE, registry + " redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> send(URI uri, String accept, boolean withAuthorization) throws RocketException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", accept);
        if (withAuthorization) authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.UNAVAILABLE, "interrupted while talking to " + registry, e);
        }
    }

    private void requireOk(HttpResponse<InputStream> response, String what) throws RocketException {
        if (response.statusCode() == 200) return;
        String detail = "";
        try {
            JsonNode errors = ManifestResolver.parse(response.body().readNBytes(64 * 1024), "error").path("errors");
            if (errors.isArray() && !errors.isEmpty()) detail = ": " + errors.get(0).path("message").asText();
        } catch (IOException | RocketException e) {
            // the status alone must do
        }
        throw new RocketException(Kind.UNAVAILABLE, "the registry " + registry + " answered HTTP " + response.statusCode()
                + " for " + what + " of " + repository + detail);
    }

    private RocketException unavailable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "timed out"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RocketException(Kind.UNAVAILABLE, "cannot reach the registry " + registry + ": " + why, e);
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // only draining for connection reuse
        }
    }
}
