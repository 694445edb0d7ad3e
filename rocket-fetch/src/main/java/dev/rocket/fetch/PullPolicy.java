package dev.rocket.fetch;

import java.util.Locale;

/** When to fetch an image that may already be stored (rkt's image-fetching-behavior.md). */
public enum PullPolicy {
    /** Use only the store; never touch the network. */
    NEVER,
    /** Fetch only what the store does not have. */
    NEW,
    /** Ask the remote whether the stored copy is current, and fetch if not. */
    UPDATE;

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
