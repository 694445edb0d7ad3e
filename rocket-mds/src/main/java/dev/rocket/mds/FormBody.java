package dev.rocket.mds;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An {@code application/x-www-form-urlencoded} body, as the {@code sign} and {@code verify} endpoints take. */
record FormBody(Map<String, String> fields) {

    static FormBody parse(String body) {
        Map<String, String> fields = new HashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                fields.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return new FormBody(fields);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
