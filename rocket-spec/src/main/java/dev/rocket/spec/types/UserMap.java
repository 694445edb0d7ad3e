package dev.rocket.spec.types;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Free-form string data for end users (aci.md, pods.md "userAnnotations", "userLabels"): any keys, string
 * values, never interpreted by the executor. Kept sorted by key so that it is written the same way each time.
 */
public record UserMap(Map<String, String> entries) {

    public static final UserMap NONE = new UserMap(Map.of());

    public UserMap {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
