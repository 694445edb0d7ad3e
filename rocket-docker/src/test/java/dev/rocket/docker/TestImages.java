package dev.rocket.docker;

import dev.rocket.spec.aci.AciEntry;
import dev.rocket.spec.aci.AciReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Reads what tests check of a converted image: each rootfs path with its type and file content. */
final class TestImages {

    private TestImages() {
    }

    /** Path in rootfs ({@code /etc/b}) to "type" or "file:content" or "symlink:target". */
    static Map<String, String> rootfs(InputStream aci) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (AciReader reader = AciReader.open(aci)) {
            for (AciEntry entry; (entry = reader.next()) != null; ) {
                if (!entry.isInRootfs()) continue;
                entries.put(entry.pathInRootfs(), switch (entry.type()) {
                    case FILE -> "file:" + new String(reader.content().readAllBytes(), StandardCharsets.UTF_8);
                    case SYMLINK -> "symlink:" + entry.linkTarget().orElseThrow();
                    case HARDLINK -> "hardlink:" + entry.linkTarget().orElseThrow();
                    default -> entry.type().name().toLowerCase();
                });
            }
        } catch (IOException e) {
            throw e;
        }
        return entries;
    }
}
