package dev.rocket.fetch;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpClientsTest {

    @Test
    void clientsReadInLargeBuffersUnlessTheCommandLineChoseASizeAndFollowNoRedirect() {
        String chosen = System.getProperty(HttpClients.BUFFER_PROPERTY);
        HttpClient client = HttpClients.newBuilder().build();
        assertEquals(chosen == null ? Integer.toString(512 * 1024) : chosen, System.getProperty(HttpClients.BUFFER_PROPERTY));
        assertEquals(HttpClient.Redirect.NEVER, client.followRedirects());
    }
}
