package dev.rocket.os.linux;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An open file descriptor owned by Java code: closing the handle closes the descriptor, once. It remembers the
 * path it was opened with so that failures on it can name the file. Not safe for use by several threads at once.
 */
public final class Fd implements AutoCloseable {

    private final int number;
    private final String path;
    private boolean closed;

    private Fd(int number, String path) {
        if (number < 0) throw new IllegalArgumentException("a file descriptor is not negative: " + number);
        this.number = number;
        this.path = path;
    }

    /**
     * Takes ownership of descriptor {@code number}, which this handle will close.
     *
     * @param path what the descriptor refers to, for messages, or {@code null}
     */
    public static Fd adopt(int number, String path) {
        return new Fd(number, path);
    }

    /** The descriptor number, for calls that need it. */
    public int number() {
        if (closed) throw new IllegalStateException("file descriptor " + number + " was closed");
        return number;
    }

    /** What the descriptor was opened on, if known. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** How messages name {@code name} in this directory: its full path when this descriptor's path is known. */
    String describe(String name) {
        return path == null ? name : Path.of(path).resolve(name).toString();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the descriptor is closed when this process calls {@code execve}. */
    public boolean closeOnExec() throws LinuxException {
        return FileDescriptors.closeOnExec(this);
    }

    /** Sets or clears {@code FD_CLOEXEC}, deciding whether a program started by {@code execve} inherits it. */
    public void closeOnExec(boolean closeOnExec) throws LinuxException {
        FileDescriptors.closeOnExec(this, closeOnExec);
    }

    /** Closes the descriptor; closing it again does nothing. */
    @Override
    public void close() throws LinuxException {
        if (closed) return;
        closed = true;
        FileDescriptors.close(number, path);
    }

    /** {@code fd 5 (/var/lib/rkt/pods/run/...)}, for messages. */
    @Override
    public String toString() {
        return path == null ? "fd " + number : "fd " + number + " (" + path + ")";
    }
}
