package dev.rocket.store.extract;

import dev.rocket.spec.aci.AciEntry;

import java.util.Optional;

/** Where an archive entry goes below the extraction root, or whether it is left out. */
@FunctionalInterface
public interface EntryPlacement {

    /**
     * The entry's path relative to the root ({@code ""} for the root itself, {@code etc/hosts}), or empty to
     * skip it, e.g. because a path whitelist leaves it out.
     */
    Optional<String> place(AciEntry entry);
}
