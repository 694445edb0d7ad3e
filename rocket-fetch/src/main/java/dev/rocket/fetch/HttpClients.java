package dev.rocket.fetch;

import java.net.http.HttpClient;

/** Where Rocket's HTTP clients are made: redirects left to the caller, reads sized for image downloads. */
public final class HttpClients {

    /** The JDK client's read buffer size, read once, when its first request builder or client is made. */
    static final String BUFFER_PROPERTY = "jdk.httpclient.bufsize";
    /**
     * The JDK's 16 KiB hands a 100 MiB download from the client's threads to the reader ~6400 times: the pass of an
     * HTTPS fetch --render on loopback took 1.45 s with it, 0.82 s with 512 KiB (1 MiB: 0.78 s).
     */
    static final int BUFFER = 512 * 1024;

    private HttpClients() {
    }

    /**
     * A client builder that follows no redirect; call it before building the first request. {@code
     * -Djdk.httpclient.bufsize} on the command line still chooses the buffer.
     */
    public static HttpClient.Builder newBuilder() {
        if (System.getProperty(BUFFER_PROPERTY) == null) System.setProperty(BUFFER_PROPERTY, Integer.toString(BUFFER));
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
    }
}
