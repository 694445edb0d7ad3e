package dev.rocket.os.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link ProcessControlTest}: becomes a subreaper, starts a shell that leaves an orphan behind,
 * and prints who adopted the orphan.
 */
public final class SubreaperProbe {

    private SubreaperProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProcessControl.setChildSubreaper(true);
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!").start();
        long orphan = Long.parseLong(new String(shell.getInputStream().readAllBytes()).trim());
        shell.waitFor(10, TimeUnit.SECONDS);
        try {
            String status = Files.readString(Path.of("/proc/" + orphan + "/status"));
            String parent = status.lines().filter(line -> line.startsWith("PPid:")).findFirst().orElseThrow();
            System.out.println("jvm-pid " + Processes.getpid());
            System.out.println("orphan-parent " + parent.substring("PPid:".length()).trim());
        } finally {
            Processes.kill((int) orphan, Signal.SIGKILL);
        }
    }
}
