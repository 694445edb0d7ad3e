package dev.rocket.trust;

/**
 * The three configuration directories rkt reads, from lowest to highest precedence: a file in a later layer
 * replaces the file at the same place in an earlier one.
 */
public enum ConfigLayer {
    /** The vendor's directory, {@code /usr/lib/rkt} by default; read only. */
    SYSTEM,
    /** The machine's directory, {@code /etc/rkt} by default; where the administrator adds keys. */
    LOCAL,
    /** An optional per-user directory, given with {@code --user-config}. */
    USER
}
