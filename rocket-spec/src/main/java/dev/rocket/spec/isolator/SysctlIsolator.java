package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcIdentifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code os/unix/sysctl} isolator (ace.md): kernel parameters to set for the pod, as a JSON object of
 * sysctl(8) keys to string values, such as {@code {"net.ipv4.tcp_keepalive_time": "300"}}. Keys are
 * dot-separated ({@code net.ipv4.ip_forward}); a {@code /} inside a component stands for a dot in an
 * interface name ({@code net.ipv4.conf.eth0/100.rp_filter}). Which keys may be applied is the runtime's
 * decision (the specification suggests namespaced subtrees such as {@code net.*}). At most one per pod.
 *
 * @param parameters the keys and values, iterating in the order written
 */
public record SysctlIsolator(Map<String, String> parameters) implements Isolator {

    public static final String NAME = "os/unix/sysctl";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);
    private static final int MAX_KEY_LENGTH = 256;
    private static final String COMPONENT = "[A-Za-z0-9_][A-Za-z0-9_-]*(?:/[A-Za-z0-9_-]+)*";
    private static final Pattern KEY = Pattern.compile("^" + COMPONENT + "(?:\\." + COMPONENT + ")+$");

    public SysctlIsolator {
        if (parameters == null) throw new IllegalArgumentException("sysctl parameters must be given");
        parameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(parameters));
        parameters.forEach((key, value) -> {
            String problem = keyProblem(key);
            if (problem == null) problem = valueProblem(value);
            if (problem != null) throw new IllegalArgumentException(problem + ": " + key + "=" + value);
        });
    }

    /** Parses an isolator value; violations have paths such as {@code $.value["net.ipv4.ip_forward"]}. */
    public static SysctlIsolator parse(JsonNode value) throws SpecException {
        ValueFields.requireObject(value, NAME, "{\"net.ipv4.tcp_keepalive_time\": \"300\"}");
        List<Violation> violations = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            JsonNode setting = entry.getValue();
            String problem = keyProblem(key);
            if (problem != null) {
                violations.add(new Violation(ValueFields.path(key), key, problem));
            } else if (!setting.isTextual()) {
                violations.add(new Violation(ValueFields.path(key), setting.toString(),
                        "a sysctl value must be a JSON string, such as \"1\""));
            } else if ((problem = valueProblem(setting.textValue())) != null) {
                violations.add(new Violation(ValueFields.path(key), setting.textValue(), problem));
            } else {
                parameters.put(key, setting.textValue());
            }
        }
        if (!violations.isEmpty()) throw new SpecException(violations);
        return new SysctlIsolator(parameters);
    }

    private static String keyProblem(String key) {
        if (key == null || key.isEmpty()) return "a sysctl key must not be empty";
        if (key.length() > MAX_KEY_LENGTH) return "a sysctl key must be at most " + MAX_KEY_LENGTH + " characters long";
        if (!KEY.matcher(key).matches()) {
            return "a sysctl key is two or more dot-separated components of letters, digits, _ and -,"
                    + " such as net.ipv4.tcp_keepalive_time";
        }
        return null;
    }

    private static String valueProblem(String value) {
        if (value == null) return "a sysctl value must be given";
        if (value.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f)) {
            return "a sysctl value cannot contain control characters other than tab";
        }
        return null;
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }

    @Override
    public JsonNode value() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        parameters.forEach(json::put);
        return json;
    }
}
