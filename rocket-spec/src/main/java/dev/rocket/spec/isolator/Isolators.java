package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.types.AcIdentifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses isolator values by name (ace.md "Isolators"). */
public final class Isolators {

    /** Isolators the specification allows only once per app or pod. */
    private static final Set<String> AT_MOST_ONCE = Set.of(
            SeccompRetainSetIsolator.NAME, SeccompRemoveSetIsolator.NAME,
            SelinuxContextIsolator.NAME, ApparmorProfileIsolator.NAME, SysctlIsolator.NAME);

    /** Pairs of isolators the specification forbids to use together. */
    private static final List<List<String>> EXCLUSIVE = List.of(
            List.of(SeccompRetainSetIsolator.NAME, SeccompRemoveSetIsolator.NAME),
            List.of(CapabilitiesRetainSetIsolator.NAME, CapabilitiesRemoveSetIsolator.NAME));

    private Isolators() {
    }

    /**
     * Parses one isolator. Errors carry paths relative to the isolator ({@code $.value.limit}); callers
     * put them under the isolator's own path with {@link SpecException#under}. Names this library does not
     * know give an {@link UnknownIsolator} holding the value as it is.
     */
    public static Isolator parse(AcIdentifier name, JsonNode value) throws SpecException {
        if (name == null) throw new IllegalArgumentException("an isolator name must be given");
        if (value == null || value.isMissingNode()) {
            throw new SpecException(ValueFields.VALUE_PATH, null, "an isolator must have a value");
        }
        return switch (name.value()) {
            case CpuIsolator.NAME -> CpuIsolator.parse(value);
            case MemoryIsolator.NAME -> MemoryIsolator.parse(value);
            case BlockBandwidthIsolator.NAME -> BlockBandwidthIsolator.parse(value);
            case BlockIopsIsolator.NAME -> BlockIopsIsolator.parse(value);
            case NetworkBandwidthIsolator.NAME -> NetworkBandwidthIsolator.parse(value);
            case CapabilitiesRetainSetIsolator.NAME -> CapabilitiesRetainSetIsolator.parse(value);
            case CapabilitiesRemoveSetIsolator.NAME -> CapabilitiesRemoveSetIsolator.parse(value);
            case SeccompRetainSetIsolator.NAME -> SeccompRetainSetIsolator.parse(value);
            case SeccompRemoveSetIsolator.NAME -> SeccompRemoveSetIsolator.parse(value);
            case NoNewPrivilegesIsolator.NAME -> NoNewPrivilegesIsolator.parse(value);
            case SelinuxContextIsolator.NAME -> SelinuxContextIsolator.parse(value);
            case ApparmorProfileIsolator.NAME -> ApparmorProfileIsolator.parse(value);
            case SysctlIsolator.NAME -> SysctlIsolator.parse(value);
            default -> new UnknownIsolator(name, value);
        };
    }

    /**
     * The rules about isolators taken together (which may appear only once, which exclude each other).
     * Paths are {@code $[i]}, indexes into {@code isolators}; callers put them under the list's own path.
     * Each broken rule is reported once, at the later of the isolators involved. Rules are looked up by
     * name, so they hold for an {@link UnknownIsolator} carrying a known name too.
     */
    public static List<Violation> checkCombination(List<Isolator> isolators) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < isolators.size(); i++) {
            String name = isolators.get(i).name().value();
            Integer earlier = firstIndex.putIfAbsent(name, i);
            if (earlier != null && AT_MOST_ONCE.contains(name)) {
                violations.add(new Violation("$[" + i + "]", name, "only one " + name
                        + " isolator may be given per app or pod; the first is $[" + earlier + "]"));
            }
            if (earlier != null) continue;
            for (List<String> pair : EXCLUSIVE) {
                if (!pair.contains(name)) continue;
                String other = pair.get(0).equals(name) ? pair.get(1) : pair.get(0);
                Integer otherIndex = firstIndex.get(other);
                if (otherIndex != null) {
                    violations.add(new Violation("$[" + i + "]", name, name + " cannot be used together with "
                            + other + " ($[" + otherIndex + "]); keep only one of them"));
                }
            }
        }
        return List.copyOf(violations);
    }
}
