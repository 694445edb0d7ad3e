package dev.rocket.pod;

import dev.rocket.os.linux.Execve;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM doing what {@code rkt run} does with the lock: creates a pod under the data directory of its first
 * argument, writes its manifest, moves it to run and becomes {@code /bin/sh -c SCRIPT} (second argument) by
 * execve, handing over the lock's descriptor as RKT_LOCK_FD. The shell prints the variable, then runs the script.
 */
public final class RunExecProbe {

    private RunExecProbe() {
    }

    public static void main(String[] args) throws Exception {
        PreparingPod preparing = Pods.at(Path.of(args[0])).create();
        preparing.writeManifest(TestManifests.oneApp("sleeper"));
        RunningPod running = preparing.markRunning();
        System.out.println(running.uuid());
        System.out.flush();
        Execve.exec(Path.of("/bin/sh"), List.of("sh", "-c", "echo \"$RKT_LOCK_FD\"; " + args[1]),
                List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin", running.lock().lockFdEnvironment()),
                List.of(running.lock().fd()));
    }
}
