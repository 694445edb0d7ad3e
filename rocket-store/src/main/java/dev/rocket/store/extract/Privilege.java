package dev.rocket.store.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an extraction may reproduce of an archive. Only root can give files away to other owners, keep
 * set-user-ID and set-group-ID bits meaningful, create device nodes and set {@code security.} or
 * {@code trusted.} attributes; others get the files as their own.
 */
public enum Privilege {
    /** Numeric owners, every mode bit, device nodes, FIFOs and every attribute namespace are kept. */
    ROOT,
    /**
     * Files belong to the extracting user; set-user-ID and set-group-ID bits are dropped, only
     * {@code user.} attributes are kept, and device nodes and FIFOs are refused.
     */
    UNPRIVILEGED;

    /** {@link #ROOT} when this process runs with effective user ID 0. */
    public static Privilege ofCurrentProcess() {
        try {
            // /proc/self belongs to the effective user of the process that looks at it.
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid) ? ROOT : UNPRIVILEGED;
        } catch (IOException | UnsupportedOperationException e) {
            return UNPRIVILEGED;
        }
    }
}
