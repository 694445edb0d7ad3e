package dev.rocket.base;

import dev.rocket.spec.SpecException;

/**
 * A failure of a Rocket operation that a user can act on. The message names the value at fault and, where
 * one exists, the remedy; the {@link Kind} lets each edge (CLI exit code, HTTP status) map it once.
 */
public class RocketException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What class of failure this is; edges map it to exit codes or protocol statuses. */
    public enum Kind {
        INVALID_ARGUMENT,
        NOT_FOUND,
        ALREADY_EXISTS,
        FAILED_PRECONDITION,
        VERIFICATION_FAILED,
        UNAVAILABLE,
        PERMISSION_DENIED,
        INTERNAL
    }

    private final Kind kind;

    public RocketException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RocketException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Input that broke the specification, reported as an invalid argument with every violation. */
    public static RocketException invalid(String what, SpecException cause) {
        return new RocketException(Kind.INVALID_ARGUMENT, what + ": " + cause.getMessage(), cause);
    }

    public Kind kind() {
        return kind;
    }
}
