package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.List;

/**
 * The {@code os/linux/apparmor-profile} isolator (ace.md): the name of an already loaded AppArmor profile
 * applied to the pod or app. At most one per pod and one per app.
 *
 * @param profile the case-sensitive profile name, such as {@code rkt-default}; not empty, no control characters
 */
public record ApparmorProfileIsolator(String profile) implements Isolator {

    public static final String NAME = "os/linux/apparmor-profile";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public ApparmorProfileIsolator {
        String problem = problem(profile);
        if (problem != null) throw new IllegalArgumentException(problem + ": " + profile);
    }

    /** Parses an isolator value; violations have the path {@code $.value.profile}. */
    public static ApparmorProfileIsolator parse(JsonNode value) throws SpecException {
        ValueFields fields = ValueFields.of(value, NAME, List.of("profile"));
        String profile = fields.text("profile", true);
        String problem = profile == null ? null : problem(profile);
        if (problem != null) fields.add("profile", profile, problem);
        fields.check();
        return new ApparmorProfileIsolator(profile);
    }

    private static String problem(String profile) {
        if (profile == null || profile.isEmpty()) return "the AppArmor profile name must not be empty";
        if (profile.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            return "the AppArmor profile name cannot contain control characters";
        }
        return null;
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }

    @Override
    public JsonNode value() {
        return JsonNodeFactory.instance.objectNode().put("profile", profile);
    }
}
