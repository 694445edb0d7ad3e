package dev.rocket.cli;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written in full or not at all: the content goes to a temporary file beside the target, which
 * replaces the target only once everything was written. A failure leaves the target as it was.
 */
public final class OutputFile {

    /** Writes the content of the target. */
    public interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    private OutputFile() {
    }

    public static void write(Path target, boolean overwrite, Content content) throws Exception {
        if (!overwrite && Files.exists(target)) {
            throw new RocketException(Kind.ALREADY_EXISTS, target + " already exists (use --overwrite to replace it)");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new RocketException(Kind.NOT_FOUND, "directory " + dir + " does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the original failure is the one to report
                }
            }
        }
    }
}
