package dev.rocket.stage0;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.linux.MountFlag;
import dev.rocket.os.linux.Mounts;
import dev.rocket.stage1.oci.IdMapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A pod's user namespace ({@code --private-users}) with its UTS, IPC and network namespaces created inside it,
 * so that the pod's root administers them, all pinned under {@code stage1/ns/}. util-linux's {@code unshare}
 * creates them in one call and waits; this process writes the ID maps as host root (unshare's own
 * {@code --map-users} goes through {@code newuidmap}, which only grants /etc/subuid ranges), bind-mounts the
 * four namespace files and lets it exit.
 */
final class UserNamespacePin {

    private static final List<String> KINDS = List.of("user", "uts", "ipc", "net");

    private UserNamespacePin() {
    }

    static void pin(Path dir, IdMapping mapping) throws RocketException {
        List<String> command = List.of("unshare", "--user", "--uts", "--ipc", "--net", "sh", "-c", "echo ready; read line");
        Process holder = null;
        try {
            Files.createDirectories(dir);
            for (String kind : KINDS) {
                if (!Files.exists(dir.resolve(kind))) Files.createFile(dir.resolve(kind));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            holder = builder.start();
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String ready = output.readLine();
            if (!"ready".equals(ready)) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot create the pod's user namespace (" + String.join(" ", command)
                        + "): " + ready);
            }
            Path proc = Path.of("/proc", Long.toString(holder.pid()));
            String map = "0 " + mapping.hostId() + " " + mapping.size() + "\n";
            Files.writeString(proc.resolve("uid_map"), map);
            Files.writeString(proc.resolve("gid_map"), map);
            for (String kind : KINDS) {
                Mounts.mount(proc.resolve("ns").resolve(kind).toString(), dir.resolve(kind), null, Set.of(MountFlag.MS_BIND), null);
            }
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot pin the pod's user namespace with IDs " + mapping.hostId()
                    + "-" + (mapping.hostId() + mapping.size() - 1) + ": " + e.getMessage(), e);
        } finally {
            if (holder != null) {
                try {
                    holder.getOutputStream().close();
                    holder.waitFor();
                } catch (IOException ignored) {
                    holder.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    holder.destroyForcibly();
                }
            }
        }
    }
}
