package dev.rocket.mds;

import java.nio.charset.StandardCharsets;

/** One HTTP answer of the metadata service: status, media type and body. */
/** {@code allow} is the Allow header of a 405, empty otherwise. */
record MetadataResponse(int status, String contentType, byte[] body, String allow) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=us-ascii";

    static MetadataResponse json(String body) {
        return new MetadataResponse(200, JSON, body.getBytes(StandardCharsets.UTF_8), "");
    }

    static MetadataResponse text(String body) {
        return new MetadataResponse(200, TEXT, body.getBytes(StandardCharsets.US_ASCII), "");
    }

    /** A non-200 answer with a one-line explanation. */
    static MetadataResponse error(int status, String message) {
        return new MetadataResponse(status, TEXT, (message + "\n").getBytes(StandardCharsets.US_ASCII), "");
    }

    static MetadataResponse methodNotAllowed(String allowed) {
        return new MetadataResponse(405, TEXT, ("use " + allowed + "\n").getBytes(StandardCharsets.US_ASCII), allowed);
    }
}
