package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.types.AcIdentifier;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code os/linux/seccomp-retain-set} isolator (ace.md): only these syscalls (and the
 * implementation's minimal whitelist) are allowed; all others are blocked. At most one per app, and
 * not together with {@link SeccompRemoveSetIsolator}.
 *
 * @param set   syscall names and wildcards, never empty; iterates in the order first written
 * @param errno the error blocked syscalls return; absent means they terminate the app with {@code SIGSYS}
 */
public record SeccompRetainSetIsolator(Set<SyscallName> set, Optional<Errno> errno) implements SeccompSetIsolator {

    public static final String NAME = "os/linux/seccomp-retain-set";
    private static final AcIdentifier IDENTIFIER = new AcIdentifier(NAME);

    public SeccompRetainSetIsolator {
        set = SetValues.copySyscalls(set);
        SetValues.checkErrno(errno);
    }

    /** An os/linux/seccomp-retain-set isolator from trusted syscall names; blocked syscalls terminate the app. */
    public static SeccompRetainSetIsolator of(String... syscalls) {
        return new SeccompRetainSetIsolator(SetValues.syscalls(syscalls), Optional.empty());
    }

    /** Parses an isolator value; violations have paths such as {@code $.value.set[1]} or {@code $.value.errno}. */
    public static SeccompRetainSetIsolator parse(JsonNode value) throws SpecException {
        SetValues.Seccomp parsed = SetValues.parseSeccomp(value, NAME);
        return new SeccompRetainSetIsolator(parsed.set(), parsed.errno());
    }

    @Override
    public AcIdentifier name() {
        return IDENTIFIER;
    }
}
