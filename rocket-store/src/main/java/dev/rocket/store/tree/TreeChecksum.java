package dev.rocket.store.tree;

import dev.rocket.os.crypto.OpenSslProvider;
import dev.rocket.os.linux.Xattrs;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciBuilder;
import dev.rocket.spec.aci.AciCompression;
import dev.rocket.spec.aci.XattrReader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checksum of a rendered tree, recorded at render and recomputed by {@code rkt image verify}: the SHA-512 of
 * the archive {@link AciBuilder} makes of the tree. That archive is a canonical walk (sorted, depth first) holding
 * every path, type, mode, numeric owner, time, link target, device number, extended attribute and file content,
 * so reusing it keeps one definition of "what a tree is" instead of a second walker.
 *
 * @param value {@code sha512-} and 128 hex digits
 */
public record TreeChecksum(String value) {

    public TreeChecksum {
        if (value == null || !value.matches("sha512-[0-9a-f]{128}")) {
            throw new IllegalArgumentException("not a tree checksum: " + value);
        }
    }

    /** Computes the checksum of the image layout {@code tree} ({@code manifest} and {@code rootfs}). */
    public static TreeChecksum of(Path tree) throws IOException, SpecException {
        OpenSslProvider.install(); // the whole tree is hashed: OpenSSL's SHA-512 rather than C1's Java one
        return new TreeChecksum(new AciBuilder(everyNamespace())
                .build(tree, OutputStream.nullOutputStream(), AciCompression.NONE).value());
    }

    /** Reads attributes of every namespace this process may see, also on symlinks and device nodes. */
    static XattrReader everyNamespace() {
        return file -> {
            Map<String, byte[]> xattrs = new TreeMap<>();
            for (String name : Xattrs.list(file)) Xattrs.get(file, name).ifPresent(value -> xattrs.put(name, value));
            return xattrs;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
