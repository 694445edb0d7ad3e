package dev.rocket.pod;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.LinuxException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns the I/O failures of pod operations into {@link RocketException}s that say what was being done. */
final class PodFailures {

    private PodFailures() {
    }

    /** {@code action} failed with {@code e}; the message reads "cannot ACTION: CAUSE". */
    static RocketException of(String action, IOException e) {
        Kind kind = switch (e) {
            case LinuxException linux -> linux.kind();
            case NoSuchFileException missing -> Kind.NOT_FOUND;
            case AccessDeniedException denied -> Kind.PERMISSION_DENIED;
            default -> Kind.INTERNAL;
        };
        return new RocketException(kind, "cannot " + action + ": " + e.getMessage(), e);
    }
}
