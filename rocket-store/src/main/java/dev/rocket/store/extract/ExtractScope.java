package dev.rocket.store.extract;

import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciEntryName;

import java.util.Optional;

/** What of an image archive lands in the target directory ({@code rkt image extract [--rootfs-only]}). */
public enum ExtractScope implements EntryPlacement {
    /** The image layout: {@code manifest} and {@code rootfs/}. */
    IMAGE,
    /** The contents of {@code rootfs} only, at the top of the target. */
    ROOTFS_ONLY;

    @Override
    public Optional<String> place(AciEntry entry) {
        if (this == IMAGE) return Optional.of(entry.name());
        if (!entry.isInRootfs()) return Optional.empty();
        return Optional.of(entry.name().equals(AciEntryName.ROOTFS) ? ""
                : entry.name().substring(AciEntryName.ROOTFS.length() + 1));
    }
}
