package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rocket.spec.SpecException;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON shapes of the set isolators (ace.md "Linux Isolators"): {@code {"set": [...]}} for capabilities
 * and {@code {"set": [...], "errno": ...}} for seccomp.
 */
final class SetValues {

    /** The set and errno of a seccomp isolator; the errno is absent when blocked syscalls kill the app. */
    record Seccomp(Set<SyscallName> set, Optional<Errno> errno) {
    }

    private SetValues() {
    }

    static Set<Capability> parseCapabilities(JsonNode value, String isolator) throws SpecException {
        ValueFields fields = ValueFields.of(value, isolator, List.of("set"));
        List<Capability> set = fields.nonEmptyList("set", "Linux capability names such as CAP_NET_ADMIN",
                Capability::parse);
        fields.check();
        return copyCapabilities(set);
    }

    /** An immutable copy in the kernel's order, which is also the canonical order of the JSON. */
    static Set<Capability> copyCapabilities(Collection<Capability> set) {
        if (set == null || set.isEmpty()) throw new IllegalArgumentException("a capability set must not be empty");
        return Collections.unmodifiableSet(EnumSet.copyOf(set));
    }

    static ObjectNode capabilitiesJson(Set<Capability> set) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("set");
        set.forEach(capability -> array.add(capability.name()));
        return json;
    }

    static Seccomp parseSeccomp(JsonNode value, String isolator) throws SpecException {
        ValueFields fields = ValueFields.of(value, isolator, List.of("set", "errno"));
        List<SyscallName> set = fields.nonEmptyList("set", "syscall names or wildcards such as @appc.io/all",
                SyscallName::parse);
        Errno errno = null;
        String errnoText = fields.text("errno", false);
        if (errnoText != null && !errnoText.isEmpty()) {
            try {
                errno = Errno.parse(errnoText);
            } catch (SpecException e) {
                fields.add("errno", errnoText, e.violations().getFirst().rule());
            }
        }
        fields.check();
        return new Seccomp(copySyscalls(set), Optional.ofNullable(errno));
    }

    /** An immutable copy that keeps the order of first appearance and drops repeats. */
    static Set<SyscallName> copySyscalls(Collection<SyscallName> set) {
        if (set == null || set.isEmpty()) throw new IllegalArgumentException("a seccomp set must not be empty");
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(set));
    }

    /** The trusted syscall names as a set, for the {@code of} factories. */
    static Set<SyscallName> syscalls(String... names) {
        return copySyscalls(Arrays.stream(names).map(SyscallName::new).toList());
    }

    static void checkErrno(Optional<Errno> errno) {
        if (errno == null) throw new IllegalArgumentException("errno must be given (Optional.empty() for none)");
    }

    static ObjectNode seccompJson(Set<SyscallName> set, Optional<Errno> errno) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("set");
        set.forEach(syscall -> array.add(syscall.value()));
        errno.ifPresent(e -> json.put("errno", e.name()));
        return json;
    }
}
