package dev.rocket.stage1.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.nio.file.Path;

/**
 * The state of a container as its OCI runtime reports it ({@code runc state}).
 *
 * @param status {@code creating}, {@code created}, {@code running}, {@code paused} or {@code stopped}
 * @param pid    the container's init process on the host; 0 once stopped
 */
public record ContainerState(String id, String status, long pid, Path bundle) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Parses the runtime's JSON state. */
    public static ContainerState parse(String json) throws RocketException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.path("id").isTextual() || !node.path("status").isTextual()) {
                throw new RocketException(Kind.INTERNAL, "the OCI runtime reported a state without id or status: " + json);
            }
            return new ContainerState(node.get("id").textValue(), node.get("status").textValue(),
                    node.path("pid").asLong(0), Path.of(node.path("bundle").asText("/")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RocketException(Kind.INTERNAL, "the OCI runtime reported a state that is not JSON: " + json, e);
        }
    }

    public boolean isRunning() {
        return status.equals("running");
    }
}
