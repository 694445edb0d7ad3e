package dev.rocket.stage0;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell program that a running pod's process becomes (stage0 {@code execve}s {@code bash -c} with it,
 * keeping the pod lock's descriptor; bash because it can close a descriptor above 9, which dash cannot): records its PID, runs the OCI runtime with the terminal's
 * standard input, turns SIGTERM and SIGINT into a SIGTERM to the container (and a SIGKILL after a grace
 * period), records the app's exit code and exits with it. A shell is what stays resident, not a JVM.
 */
final class MonitorScript {

    private MonitorScript() {
    }

    /** How long an app has to exit after SIGTERM before it is killed. */
    static final int STOP_GRACE_SECONDS = 10;

    /**
     * @param lockFd the pod lock's descriptor: only the shell keeps it, so that the pod counts as exited the
     *               moment the shell is gone (even by SIGKILL), and gc then removes the runtime's container
     */
    static String of(List<String> runArgv, List<String> termArgv, List<String> killArgv, int lockFd, Path pidFile,
                     Path exitStatusFile) {
        String closeLock = " " + lockFd + "<&-";
        // SIGTERM now; SIGKILL once the grace period is over, checked each second so the helper ends with the app
        String stop = command(termArgv) + " >/dev/null 2>&1; ( i=0; while [ $i -lt " + STOP_GRACE_SECONDS
                + " ] && kill -0 $child 2>/dev/null; do sleep 1; i=$((i+1)); done; kill -0 $child 2>/dev/null && "
                + command(killArgv) + " >/dev/null 2>&1 )" + closeLock + " &";
        return String.join("\n",
                "printf '%s\\n' $$ > " + quote(pidFile.toString()),
                // an asynchronous command of a non-interactive shell reads /dev/null unless given stdin explicitly
                "exec 3<&0",
                command(runArgv) + " 0<&3 3<&-" + closeLock + " &",
                "child=$!",
                "exec 3<&-",
                "trap " + quote(stop) + " TERM INT",
                "while :; do",
                "  wait $child; rc=$?",
                "  kill -0 $child 2>/dev/null || break",
                "done",
                "printf '%s\\n' $rc > " + quote(exitStatusFile.toString()),
                "exit $rc");
    }

    private static String command(List<String> argv) {
        return argv.stream().map(MonitorScript::quote).collect(Collectors.joining(" "));
    }

    /** Single-quotes a word for sh. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
