package dev.rocket.net;

import dev.rocket.base.RocketException;
import dev.rocket.os.linux.Errno;
import dev.rocket.os.linux.LinuxException;
import dev.rocket.os.linux.Mounts;
import dev.rocket.os.linux.UnmountFlag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A network namespace kept alive by a bind mount on a file, as {@code ip netns add} does but at any path (e.g.
 * {@code PODDIR/stage1/ns/net}), so that it outlives the process that made it and the CNI plugins and the OCI
 * runtime can join it by path.
 */
public final class NetnsFile {

    private NetnsFile() {
    }

    /** Creates a new network namespace pinned at {@code file}; the file must not exist yet. */
    public static void create(Path file) throws RocketException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file);
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE,
                    "cannot create the network namespace file " + file + ": " + e.getMessage(), e);
        }
        // util-linux's unshare makes the namespace in a child process and bind-mounts it on the file; the JVM's
        // own threads never change namespace.
        ProcessBuilder builder = new ProcessBuilder("unshare", "--net=" + file, "true").redirectErrorStream(true);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                Files.deleteIfExists(file);
                throw new RocketException(RocketException.Kind.UNAVAILABLE,
                        "cannot create a network namespace at " + file + ": " + output);
            }
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE,
                    "cannot run unshare (util-linux) to create a network namespace: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "interrupted creating " + file, e);
        }
    }

    /**
     * Unpins and deletes the namespace file; the namespace itself goes when no process is left in it. Does
     * nothing if the file is gone, and only deletes it if nothing was mounted on it.
     */
    public static void remove(Path file) throws RocketException {
        if (!Files.exists(file)) return;
        try {
            Mounts.unmount(file, Set.of(UnmountFlag.MNT_DETACH));
        } catch (LinuxException e) {
            if (!e.is(Errno.EINVAL)) {
                throw new RocketException(e.kind(), "cannot unpin the network namespace " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RocketException(RocketException.Kind.UNAVAILABLE, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
