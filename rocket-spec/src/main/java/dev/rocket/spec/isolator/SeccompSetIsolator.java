package dev.rocket.spec.isolator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * A seccomp isolator (ace.md): {@link SeccompRetainSetIsolator} or {@link SeccompRemoveSetIsolator}; an app
 * may have at most one of them. Its value is {@code {"set": [...], "errno": ...}}.
 */
public sealed interface SeccompSetIsolator extends Isolator permits SeccompRetainSetIsolator, SeccompRemoveSetIsolator {

    /** Syscall names and wildcards, never empty; iterates in the order first written. */
    Set<SyscallName> set();

    /** The error blocked syscalls return; absent means they terminate the app with {@code SIGSYS}. */
    Optional<Errno> errno();

    @Override
    default JsonNode value() {
        return SetValues.seccompJson(set(), errno());
    }
}
