package dev.rocket.mds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Carries HTTP exchanges to {@link MetadataRoutes} and back, refusing bodies larger than any form needs. */
final class MetadataHttpHandler implements HttpHandler {

    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final MetadataRoutes routes;

    MetadataHttpHandler(MetadataRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            MetadataResponse response = body.length > MAX_BODY_BYTES
                    ? MetadataResponse.error(413, "request body larger than " + MAX_BODY_BYTES + " bytes")
                    : routes.answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                            new String(body, StandardCharsets.UTF_8), exchange.getRemoteAddress().getAddress());
            send(exchange, response);
        }
    }

    private static void send(HttpExchange exchange, MetadataResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        if (!response.allow().isEmpty()) exchange.getResponseHeaders().set("Allow", response.allow());
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
