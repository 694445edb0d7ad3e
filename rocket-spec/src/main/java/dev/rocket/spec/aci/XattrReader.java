package dev.rocket.spec.aci;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a file's extended attributes for the archive writer. The JDK alone can read only the {@code user.}
 * namespace ({@link #userNamespace()}); a platform module supplies one that reads every namespace
 * ({@code security.capability} matters: it carries file capabilities).
 */
@FunctionalInterface
public interface XattrReader {

    /** The attributes of {@code file} by full name, without following a symlink. */
    Map<String, byte[]> read(Path file) throws IOException;

    /** No attributes at all. */
    static XattrReader none() {
        return file -> Map.of();
    }

    /**
     * The {@code user.*} attributes of regular files and directories, through the JDK. Others are skipped: the
     * JDK opens the file to read them, which would block on a FIFO and fails on a symlink.
     */
    static XattrReader userNamespace() {
        return file -> {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                return Map.of();
            }
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view == null) return Map.of();
            Map<String, byte[]> xattrs = new LinkedHashMap<>();
            for (String name : view.list()) {
                ByteBuffer value = ByteBuffer.allocate(view.size(name));
                view.read(name, value);
                xattrs.put("user." + name, value.array());
            }
            return xattrs;
        };
    }
}
