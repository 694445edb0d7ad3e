package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code os/linux/seccomp-remove-set} isolator (ace.md): these syscalls (and the
 * implementation's default blacklist) are blocked; all others are allowed. At most one per app, and
 * not together with {@link SeccompRetainSetIsolator}.
 *
 * @param set   syscall names and wildcards, never empty; iterates in the order first written
 * @param errno the error blocked syscalls return; absent means they terminate the app with {@code SIGSYS}
 */
public record SeccompRemoveSetIsolator(Set<SyscallName> set, Optional<Errno> errno) implements SeccompSetIsolator {

    public static final String NAME = "os/linux/seccomp-remove-set";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public SeccompRemoveSetIsolator {
        set = SetValues.copySyscalls(set);
        SetValues.checkErrno(errno);
    }

    /** An os/linux/seccomp-remove-set isolator from trusted syscall names; blocked syscalls terminate the app. */
    public static SeccompRemoveSetIsolator of(String... syscalls) {
        return new SeccompRemoveSetIsolator(SetValues.syscalls(syscalls), Optional.empty());
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.set[1]} or {@code $.value.errno}. */
    public static SeccompRemoveSetIsolator parse(JsonNode value) throws SpecException {
        SetValues.Seccomp parsed = SetValues.parseSeccomp(value, NAME);
        return new SeccompRemoveSetIsolator(parsed.set(), parsed.errno());
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
