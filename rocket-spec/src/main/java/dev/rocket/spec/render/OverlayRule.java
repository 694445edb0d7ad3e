package dev.rocket.spec.render;

/**
 * What to do when a layer brings a path that an earlier layer already put down (ace.md "Filesystem
 * Setup"): the new path wins, and a symlink in the way is removed, never followed — even when it points at
 * a directory.
 */
public enum OverlayRule {
    /** Nothing is there: create the new entry. */
    CREATE,
    /** A directory meets a directory: keep it, apply the new owner, mode and times. */
    MERGE_DIRECTORY,
    /** Anything else: remove what is there (recursively for a directory), then create the new entry. */
    REPLACE;

    /** The kinds of file the rule distinguishes. */
    public enum Existing { NOTHING, DIRECTORY, SYMLINK, OTHER }

    public static OverlayRule decide(Existing existing, boolean incomingIsDirectory) {
        return switch (existing) {
            case NOTHING -> CREATE;
            case DIRECTORY -> incomingIsDirectory ? MERGE_DIRECTORY : REPLACE;
            case SYMLINK, OTHER -> REPLACE;
        };
    }
}
