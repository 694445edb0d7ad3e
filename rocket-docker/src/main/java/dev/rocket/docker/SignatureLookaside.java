package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The signatures of a manifest in a containers/image lookaside store ({@code file://} or {@code http(s)://}):
 * {@code BASE/REPOSITORY@sha256=HEX/signature-1}, {@code signature-2}, ... up to the first one missing.
 */
final class SignatureLookaside {

    private static final int MAX_SIGNATURES = 16;
    private static final int MAX_SIGNATURE_BYTES = 256 * 1024;

    private final URI base;
    private final HttpClient http;

    SignatureLookaside(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    List<byte[]> signatures(String repository, Digest manifest) throws RocketException {
        List<byte[]> found = new ArrayList<>();
        String root = base.toString().replaceAll("/+$", "") + "/" + repository + "@" + manifest.algorithm() + "=" + manifest.hex();
        for (int i = 1; i <= MAX_SIGNATURES; i++) {
            URI uri = URI.create(root + "/signature-" + i);
            byte[] signature = read(uri);
            if (signature == null) break;
            found.add(signature);
        }
        return found;
    }

    private byte[] read(URI uri) throws RocketException {
        try {
            if (uri.getScheme().equals("file")) {
                try (InputStream in = Files.newInputStream(Path.of(uri))) {
                    return in.readNBytes(MAX_SIGNATURE_BYTES);
                } catch (NoSuchFileException e) {
                    return null;
                }
            }
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) return null;
            if (response.statusCode() != 200) {
                throw new RocketException(Kind.UNAVAILABLE, "the signature store answered HTTP " + response.statusCode() + " for " + uri);
            }
            return response.body();
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read the signature " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(Kind.UNAVAILABLE, "interrupted while reading " + uri, e);
        }
    }
}
