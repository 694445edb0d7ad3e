package dev.rocket.cli.actool;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.schema.ImageManifest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening image files named on the command line, with errors that name the file. */
final class AciFiles {

    private AciFiles() {
    }

    static InputStream open(Path aci) throws RocketException {
        try {
            if (Files.isDirectory(aci)) throw new RocketException(Kind.INVALID_ARGUMENT, aci + " is a directory, not an image file");
            return new BufferedInputStream(Files.newInputStream(aci), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, aci + " does not exist");
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot read " + aci + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks a whole image archive and returns its manifest. */
    static ImageManifest readManifest(Path aci) throws RocketException, SpecException, IOException {
        try (InputStream in = open(aci)) {
            return AciReader.manifestOf(in);
        }
    }
}
