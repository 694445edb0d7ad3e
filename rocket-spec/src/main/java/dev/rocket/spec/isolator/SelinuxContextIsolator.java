package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.List;

/**
 * The {@code os/linux/selinux-context} isolator (ace.md): the SELinux security context that labels the pod
 * or app. All four parts are required and case-sensitive; user, role and type cannot contain {@code :},
 * while the level can ({@code s0:c1,c2}). At most one per pod and one per app.
 *
 * @param user  the SELinux user, such as {@code system_u}
 * @param role  the role, such as {@code system_r}
 * @param type  the type or domain, such as {@code dhcpc_t}
 * @param level the MLS/MCS level, such as {@code s0}
 */
public record SelinuxContextIsolator(String user, String role, String type, String level) implements Isolator {

    public static final String NAME = "os/linux/selinux-context";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);
    private static final List<String> FIELDS = List.of("user", "role", "type", "level");

    public SelinuxContextIsolator {
        List<String> parts = List.of(user, role, type, level);
        for (int i = 0; i < parts.size(); i++) {
            String problem = problem(FIELDS.get(i), parts.get(i));
            if (problem != null) throw new IllegalArgumentException(FIELDS.get(i) + " " + parts.get(i) + ": " + problem);
        }
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.role}. */
    public static SelinuxContextIsolator parse(JsonNode value) throws SpecException {
        ValueFields fields = ValueFields.of(value, NAME, FIELDS);
        for (String field : FIELDS) {
            String text = fields.text(field, true);
            String problem = text == null ? null : problem(field, text);
            if (problem != null) fields.add(field, text, problem);
        }
        fields.check();
        return new SelinuxContextIsolator(value.get("user").textValue(), value.get("role").textValue(),
                value.get("type").textValue(), value.get("level").textValue());
    }

    private static String problem(String field, String part) {
        if (part == null || part.isEmpty()) return "the SELinux " + field + " must not be empty";
        if (!field.equals("level") && part.indexOf(':') >= 0) return "the SELinux " + field + " cannot contain ':'";
        if (part.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return "the SELinux " + field + " cannot contain spaces or control characters";
        }
        return null;
    }

    /** The context as SELinux writes it: {@code user:role:type:level}. */
    public String label() {
        return user + ":" + role + ":" + type + ":" + level;
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }

    @Override
    public JsonNode value() {
        return JsonNodeFactory.instance.objectNode()
                .put("user", user).put("role", role).put("type", type).put("level", level);
    }
}
