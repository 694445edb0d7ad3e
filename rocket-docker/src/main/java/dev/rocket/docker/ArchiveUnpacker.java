package dev.rocket.docker;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Unpacks an image archive ({@code oci-archive:}, {@code docker-archive:}) into a fresh working directory:
 * directories and regular files only, names that stay inside, nothing written through a link. Symlinks
 * (older {@code docker save} links repeated layers) are not created but returned, so that a reader can
 * look a name up without the file system following anything.
 */
final class ArchiveUnpacker {

    private ArchiveUnpacker() {
    }

    /** Unpacks {@code archive} into {@code target} (an empty directory); returns symlinks as path to target path. */
    static Map<String, String> unpack(Path archive, Path target) throws RocketException {
        Map<String, String> links = new HashMap<>();
        String what = archive.toString();
        try (InputStream raw = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(LayerCompression.open(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String path = LayerPath.normalise(entry.getName(), what);
                if (path.isEmpty()) continue;
                if (entry.isSymbolicLink()) {
                    String base = entry.getLinkName().startsWith("/") ? "" : LayerPath.parent(path);
                    links.put(path, LayerPath.collapse(base + "/" + entry.getLinkName(), what));
                    continue;
                }
                if (!entry.isDirectory() && !entry.isFile()) continue;
                Path file = target;
                for (String part : path.split("/")) file = file.resolve(part);
                Files.createDirectories(entry.isDirectory() ? file : file.getParent());
                if (entry.isFile()) {
                    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        tar.transferTo(out);
                    }
                }
            }
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot unpack " + archive + " (" + e.getMessage()
                    + "); is it an image archive?", e);
        }
        return links;
    }

    /** Follows the archive's symlinks for {@code path}, a few hops at most. */
    static String resolve(String path, Map<String, String> links) {
        String current = path;
        for (int hop = 0; hop < 8 && links.containsKey(current); hop++) current = links.get(current);
        return current;
    }
}
