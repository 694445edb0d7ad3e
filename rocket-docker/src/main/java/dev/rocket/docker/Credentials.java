package dev.rocket.docker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password for a registry (basic auth, or to obtain a bearer token). */
public record Credentials(String user, String password) {

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + user + "]";
    }
}
