package dev.rocket.mds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.PodUuid;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages on the registration socket: one JSON object per connection each way. The client writes its
 * request and shuts its output down; the service answers and closes.
 * <pre>
 * {"op":"register","uuid":U,"podManifest":JSON-TEXT,"apps":[{"name":A,"imageId":ID,"imageManifest":JSON-TEXT}],
 *  "pid":N?,"hostAddress":H?,"podAddresses":[IP]?}  -> {"token":T,"url":"http://H:PORT/T"}
 * {"op":"unregister","uuid":U}           -> {"unregistered":true|false}
 * any failure                            -> {"error":MESSAGE,"kind":KIND}
 * </pre>
 * Manifests travel as JSON text, not as nested objects, so that the service serves them byte for byte.
 */
final class RegistrationProtocol {

    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    sealed interface Request permits Register, Unregister {
    }

    record Register(Registration registration) implements Request {
    }

    record Unregister(PodUuid uuid) implements Request {
    }

    private RegistrationProtocol() {
    }

    static byte[] register(Registration registration) {
        ObjectNode root = JSON.createObjectNode();
        root.put("op", "register");
        root.put("uuid", registration.uuid().toString());
        root.put("podManifest", registration.manifestJson());
        ArrayNode apps = root.putArray("apps");
        for (AppImage image : registration.apps().values()) {
            apps.addObject()
                    .put("name", image.app().value())
                    .put("imageId", image.id().value())
                    .put("imageManifest", image.manifestJson());
        }
        registration.pid().ifPresent(pid -> root.put("pid", pid));
        registration.hostAddress().ifPresent(host -> root.put("hostAddress", host));
        if (!registration.podAddresses().isEmpty()) {
            ArrayNode addresses = root.putArray("podAddresses");
            for (InetAddress address : registration.podAddresses()) addresses.add(address.getHostAddress());
        }
        return bytes(root);
    }

    static byte[] unregister(PodUuid uuid) {
        ObjectNode root = JSON.createObjectNode();
        root.put("op", "unregister");
        root.put("uuid", uuid.toString());
        return bytes(root);
    }

    static Request readRequest(byte[] message) throws RocketException {
        JsonNode root = tree(message);
        PodUuid uuid = uuid(text(root, "uuid"));
        return switch (text(root, "op")) {
            case "register" -> new Register(registration(root, uuid));
            case "unregister" -> new Unregister(uuid);
            default -> throw invalid("unknown op \"" + root.path("op").asText() + "\"; expected register or unregister");
        };
    }

    private static Registration registration(JsonNode root, PodUuid uuid) throws RocketException {
        List<AppImage> images = new ArrayList<>();
        JsonNode apps = root.path("apps");
        if (!apps.isArray()) throw invalid("\"apps\" must be an array");
        for (JsonNode app : apps) {
            images.add(AppImage.parse(text(app, "name"), text(app, "imageId"), text(app, "imageManifest")));
        }
        Registration registration = Registration.of(uuid, text(root, "podManifest"), images);
        JsonNode pid = root.path("pid");
        if (!pid.isMissingNode()) {
            if (!pid.canConvertToLong() || pid.asLong() <= 0) throw invalid("\"pid\" must be a process ID");
            registration = registration.withPid(pid.asLong());
        }
        if (root.has("hostAddress")) registration = registration.withHostAddress(text(root, "hostAddress"));
        JsonNode addresses = root.path("podAddresses");
        if (!addresses.isMissingNode()) {
            if (!addresses.isArray()) throw invalid("\"podAddresses\" must be an array of IP addresses");
            List<InetAddress> podAddresses = new ArrayList<>();
            for (JsonNode address : addresses) podAddresses.add(ipAddress(address));
            registration = registration.withPodAddresses(podAddresses);
        }
        return registration;
    }

    private static InetAddress ipAddress(JsonNode node) throws RocketException {
        try {
            // a literal only: a name here would make the service resolve it
            return InetAddress.ofLiteral(node.asText());
        } catch (IllegalArgumentException e) {
            throw invalid("pod address \"" + node.asText() + "\" is not an IP address");
        }
    }

    static byte[] registered(RegisteredUrl registered) {
        ObjectNode root = JSON.createObjectNode();
        root.put("token", registered.token());
        root.put("url", registered.url());
        return bytes(root);
    }

    static byte[] unregistered(boolean wasRegistered) {
        return bytes(JSON.createObjectNode().put("unregistered", wasRegistered));
    }

    static byte[] failure(RocketException e) {
        return bytes(JSON.createObjectNode().put("error", e.getMessage()).put("kind", e.kind().name()));
    }

    /** The service's answer: the reply, or the service's own failure thrown again on this side. */
    static JsonNode readReply(byte[] message) throws RocketException {
        JsonNode root = tree(message);
        if (root.has("error")) {
            RocketException.Kind kind;
            try {
                kind = RocketException.Kind.valueOf(root.path("kind").asText());
            } catch (IllegalArgumentException e) {
                kind = RocketException.Kind.INTERNAL;
            }
            throw new RocketException(kind, "metadata service: " + root.path("error").asText());
        }
        return root;
    }

    static String text(JsonNode node, String field) throws RocketException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) throw invalid("\"" + field + "\" must be a string");
        return value.asText();
    }

    private static PodUuid uuid(String text) throws RocketException {
        try {
            return PodUuid.parse(text);
        } catch (SpecException e) {
            throw RocketException.invalid("registration", e);
        }
    }

    private static JsonNode tree(byte[] message) throws RocketException {
        try {
            JsonNode root = JSON.readTree(message);
            if (root == null || !root.isObject()) throw invalid("a message must be one JSON object");
            return root;
        } catch (JsonProcessingException e) {
            throw invalid("a message must be one JSON object: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw invalid("unreadable message: " + e.getMessage());
        }
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    private static RocketException invalid(String message) {
        return new RocketException(RocketException.Kind.INVALID_ARGUMENT, "registration message: " + message);
    }
}
