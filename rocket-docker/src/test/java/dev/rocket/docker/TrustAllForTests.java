package dev.rocket.docker;

import dev.rocket.fetch.TrustAll;

import javax.net.ssl.SSLContext;

/** The readiness probe of a test registry only needs an answer, not a trusted one. */
final class TrustAllForTests {

    private TrustAllForTests() {
    }

    static SSLContext context() throws Exception {
        return TrustAll.context();
    }
}
