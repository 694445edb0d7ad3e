package dev.rocket.spec.aci;

import dev.rocket.spec.SpecException;
import dev.rocket.spec.Violation;
import dev.rocket.spec.schema.ImageManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An image layout: a directory holding exactly a {@code manifest} file and a {@code rootfs} directory, the
 * input of {@code actool build} and the shape of an extracted image.
 */
public final class ImageLayout {

    private ImageLayout() {
    }

    /** Checks the layout and returns its parsed manifest; every problem found is reported. */
    public static ImageManifest read(Path dir) throws IOException, SpecException {
        List<Violation> problems = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new SpecException(dir.toString(), null, "an image layout must be a directory");
        }
        Path manifestFile = dir.resolve(AciEntryName.MANIFEST);
        Path rootfs = dir.resolve(AciEntryName.ROOTFS);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Violation(AciEntryName.MANIFEST, null, "an image layout needs a regular file named manifest"));
        }
        if (!Files.isDirectory(rootfs, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Violation(AciEntryName.ROOTFS, null, "an image layout needs a directory named rootfs"));
        }
        try (Stream<Path> top = Files.list(dir)) {
            top.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(AciEntryName.MANIFEST) && !name.equals(AciEntryName.ROOTFS))
                    .sorted()
                    .forEach(name -> problems.add(new Violation(name, null,
                            "an image holds only manifest and rootfs at its top; move this into rootfs or remove it")));
        }
        ImageManifest manifest = null;
        if (Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.size(manifestFile) > AciReader.MAX_MANIFEST_BYTES) {
                problems.add(new Violation(AciEntryName.MANIFEST, null, "the manifest is too large to be a manifest"));
            } else {
                try {
                    manifest = AciReader.parseManifest(Files.readAllBytes(manifestFile));
                } catch (SpecException e) {
                    problems.addAll(e.violations());
                }
            }
        }
        if (!problems.isEmpty()) throw new SpecException(problems);
        return manifest;
    }
}
