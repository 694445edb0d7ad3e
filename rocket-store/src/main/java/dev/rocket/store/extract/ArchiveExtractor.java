package dev.rocket.store.extract;

import dev.rocket.base.DirectoryDeletion;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.FileMetadata;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.types.ImageId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Extracts an image archive into a new directory, all or nothing ({@code rkt image extract}): the entries go
 * into a temp directory beside the target, which is renamed into place only when every entry was written
 * safely (see {@link EntryWriter}); on any failure the temp directory is deleted and the target is untouched.
 */
public final class ArchiveExtractor {

    private static final int TARGET_MODE = 0755;

    private final Privilege privilege;

    public ArchiveExtractor(Privilege privilege) {
        this.privilege = privilege;
    }

    /**
     * Extracts {@code archive} (any compression the reader detects; closed when done) into {@code target}.
     *
     * @param overwrite replace an existing target; otherwise an existing target is {@code ALREADY_EXISTS}
     * @return the image ID of the archive
     */
    public ImageId extract(InputStream archive, Path target, ExtractScope scope, boolean overwrite)
            throws RocketException {
        Path absolute = target.toAbsolutePath().normalize();
        refuseExisting(absolute, overwrite);
        Path staging = createStaging(absolute);
        try {
            ImageId id;
            try (AciReader reader = AciReader.open(archive)) {
                EntryWriter writer = new EntryWriter(staging, privilege);
                FileMetadata.chmod(staging, TARGET_MODE);
                writer.apply(reader, scope);
                writer.finish();
                id = reader.imageId();
            }
            install(staging, absolute, overwrite);
            return id;
        } catch (SpecException e) {
            discard(staging, e);
            throw RocketException.invalid("cannot extract the image", e);
        } catch (IOException e) {
            discard(staging, e);
            throw new RocketException(Kind.INTERNAL, "cannot extract the image to " + absolute + ": " + e.getMessage(), e);
        } catch (RocketException | RuntimeException e) {
            discard(staging, e);
            throw e;
        }
    }

    /**
     * Moves a finished directory to {@code target}. With {@code overwrite} an existing target is first renamed
     * aside and deleted only after the new one is in place, so a failure never loses both.
     */
    static void install(Path staging, Path target, boolean overwrite) throws IOException, RocketException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!overwrite) throw exists(target);
            old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        if (old != null) DirectoryDeletion.delete(old);
    }

    /** A new, private directory beside {@code target}, on the same filesystem so that it can be renamed. */
    static Path createStaging(Path target) throws RocketException {
        try {
            Files.createDirectories(target.getParent());
            return Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".extract-");
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create a directory beside " + target + ": "
                    + e.getMessage() + "; check that its parent is writable", e);
        }
    }

    static void refuseExisting(Path target, boolean overwrite) throws RocketException {
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) throw exists(target);
    }

    /** Deletes a staging directory after a failure, keeping any problem doing so with the failure. */
    static void discard(Path staging, Exception failure) {
        try {
            DirectoryDeletion.delete(staging);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static RocketException exists(Path target) {
        return new RocketException(Kind.ALREADY_EXISTS, target + " already exists; choose another directory or"
                + " overwrite it (--overwrite)");
    }
}
