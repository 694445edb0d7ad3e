package dev.rocket.stage1.oci;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Gives a rendered rootfs the owners it needs in a user namespace: every file's user and group moved into the
 * pod's host range (rkt's shifted copy, for runtimes without ID-mapped mounts; runc 1.1 has none). Symlinks are
 * changed themselves, never followed. Must run on the pod's own copy of the tree, never on a shared one.
 */
public final class RootfsOwnerShift {

    private static final int SET_ID_BITS = 06000;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private RootfsOwnerShift() {
    }

    /**
     * Shifts the owners of everything under {@code rootfs} by {@code mapping}.
     *
     * @throws RocketException INVALID_ARGUMENT when a file is owned by an ID the pod's range cannot hold
     */
    public static void shift(Path rootfs, IdMapping mapping) throws RocketException {
        try {
            Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    chown(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    chown(file);
                    return FileVisitResult.CONTINUE;
                }

                private void chown(Path path) throws IOException {
                    Map<String, Object> owner = Files.readAttributes(path, "unix:uid,gid,mode", NO_FOLLOW);
                    int uid = (Integer) owner.get("uid");
                    int gid = (Integer) owner.get("gid");
                    int mode = (Integer) owner.get("mode");
                    if (uid >= mapping.size() || gid >= mapping.size()) {
                        throw new OutsideRange(rootfs.relativize(path), uid, gid);
                    }
                    Files.setAttribute(path, "unix:uid", (int) mapping.toHost(uid), NO_FOLLOW);
                    Files.setAttribute(path, "unix:gid", (int) mapping.toHost(gid), NO_FOLLOW);
                    // chown clears setuid and setgid bits; the app's binaries keep theirs inside the namespace.
                    if ((mode & SET_ID_BITS) != 0 && !Files.isSymbolicLink(path)) {
                        Files.setAttribute(path, "unix:mode", mode & 07777, NO_FOLLOW);
                    }
                }
            });
        } catch (OutsideRange e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "/" + e.path + " in the image is owned by " + e.uid + ":"
                    + e.gid + ", outside the IDs 0-" + (mapping.size() - 1) + " a pod with private users has; run it"
                    + " without --private-users or fix the image's owners");
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot move the owners of " + rootfs + " into the pod's ID range: "
                    + e.getMessage(), e);
        }
    }

    /** A file whose owner has no place in the range; carried out of the visitor as an IOException. */
    private static final class OutsideRange extends IOException {
        private final transient Path path;
        private final int uid;
        private final int gid;

        OutsideRange(Path path, int uid, int gid) {
            super(path.toString());
            this.path = path;
            this.uid = uid;
            this.gid = gid;
        }
    }
}
