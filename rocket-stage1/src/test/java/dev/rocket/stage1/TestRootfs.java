package dev.rocket.stage1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A minimal app rootfs for tests: the host's static busybox, a few applets, and its own passwd and group. */
public final class TestRootfs {

    public static final Path BUSYBOX = Path.of("/bin/busybox");
    /** A user of the image's /etc/passwd that the host does not have. */
    public static final String USER = "webuser";
    public static final long USER_UID = 4321;
    public static final String GROUP = "webgroup";
    public static final long GROUP_GID = 5432;

    private TestRootfs() {
    }

    /** Creates the rootfs under {@code directory}/rootfs and returns its path. */
    public static Path create(Path directory) throws IOException {
        Path rootfs = directory.resolve("rootfs");
        for (String dir : new String[] {"bin", "etc", "proc", "dev", "sys", "tmp", "srv/data", "var/empty"}) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.setPosixFilePermissions(rootfs.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        if (Files.isRegularFile(BUSYBOX)) {
            Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
            for (String applet : new String[] {"sh", "cat", "id", "ls", "touch", "echo", "pwd", "grep", "ip", "env", "sleep"}) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
            }
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n"
                + USER + ":x:" + USER_UID + ":" + GROUP_GID + ":web:/var/empty:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n" + GROUP + ":x:" + GROUP_GID + ":\n");
        return rootfs;
    }
}
