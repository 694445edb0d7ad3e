package dev.rocket.os.linux;

import dev.rocket.base.RocketException;

import java.io.IOException;
import java.util.Optional;

/**
 * A Linux system call failed. Carries the {@link Errno}, the name of the call and the path it worked on, and
 * reads like {@code mount("overlay", "/var/lib/rkt/pods/run/...", "overlay"): EBUSY (Device or resource busy)}.
 */
public final class LinuxException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String call;
    private final String path;

    /**
     * @param errno     what the kernel reported
     * @param call      the function, such as {@code mount}
     * @param path      the file the call worked on, or {@code null} when it worked on none
     * @param arguments the arguments as shown in the message, such as {@code "/tmp/a", 0640}
     */
    public LinuxException(Errno errno, String call, String path, String arguments) {
        super(call + "(" + arguments + "): " + errno);
        this.errno = errno;
        this.call = call;
        this.path = path;
    }

    public Errno errno() {
        return errno;
    }

    /** Whether the call failed with {@code expected}. */
    public boolean is(Errno expected) {
        return errno.number() == expected.number();
    }

    /** The name of the failed function, such as {@code mount}. */
    public String call() {
        return call;
    }

    /** The file the failed call worked on, if it worked on one. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** The class of failure for host-side code that reports {@link RocketException}s. */
    public RocketException.Kind kind() {
        return switch (errno.name()) {
            case "ENOENT", "ESRCH", "ENODATA", "ENODEV", "ENXIO" -> RocketException.Kind.NOT_FOUND;
            case "EEXIST", "ENOTEMPTY" -> RocketException.Kind.ALREADY_EXISTS;
            case "EPERM", "EACCES", "EROFS" -> RocketException.Kind.PERMISSION_DENIED;
            case "EBUSY", "EAGAIN", "ETXTBSY", "ENOTDIR", "EISDIR", "ELOOP" -> RocketException.Kind.FAILED_PRECONDITION;
            case "EINVAL", "ENAMETOOLONG", "E2BIG" -> RocketException.Kind.INVALID_ARGUMENT;
            case "ENOSPC", "EDQUOT", "ENOMEM", "EMFILE", "ENFILE" -> RocketException.Kind.UNAVAILABLE;
            default -> RocketException.Kind.INTERNAL;
        };
    }
}
