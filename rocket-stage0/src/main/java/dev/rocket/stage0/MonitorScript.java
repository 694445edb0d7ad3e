package dev.rocket.stage0;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell program that a running pod's process becomes (stage0 {@code execve}s {@code bash -c} with it,
 * keeping the pod lock's descriptor; bash because it can close a descriptor above 9, which dash cannot).
 * It records its PID, starts every app in the OCI runtime in the foreground (each app's pre-start handlers
 * first, its post-stop handlers after), copies each app's output to the terminal and to the app's log, turns
 * SIGTERM and SIGINT into a SIGTERM to every app (a SIGKILL after a grace period), records each app's exit
 * code (and whether the kernel killed it for exceeding its memory limit, read from its cgroup before the exited
 * container is deleted) and exits with the first non-zero one. A shell is what stays resident, not a JVM.
 */
final class MonitorScript {

    private MonitorScript() {
    }

    /** How long apps have to exit after SIGTERM before they are killed. */
    static final int STOP_GRACE_SECONDS = 10;

    /**
     * One app as the monitor runs it.
     *
     * @param run       the runtime's command line running the app in the foreground
     * @param preStart  command lines of its pre-start handlers, in order
     * @param postStop  command lines of its post-stop handlers, in order
     * @param term      the runtime's command line sending SIGTERM to the app
     * @param kill      the same with SIGKILL
     * @param log       where its standard output and error are appended, or null to leave them as they are
     * @param oomCheck  how to learn, once the app has exited, whether the kernel killed it for running out of
     *                  memory; null when the runtime deletes the app's cgroup as the app exits
     */
    record Job(List<String> run, List<List<String>> preStart, List<List<String>> postStop, List<String> term,
               List<String> kill, Path exitStatus, Path log, OomCheck oomCheck) {
    }

    /**
     * @param events the app's cgroup file that counts its out-of-memory kills in an {@code oom_kill N} line
     *               (v1 {@code memory.oom_control}, v2 {@code memory.events})
     * @param marker the file to create when it counted one
     * @param delete the runtime's command line that deletes the exited container (and with it its cgroup)
     */
    record OomCheck(Path events, Path marker, List<String> delete) {
    }

    /**
     * @param lockFd      the pod lock's descriptor: only the shell keeps it, so that the pod counts as exited the
     *                    moment the shell is gone (even by SIGKILL), and gc then removes the runtime's containers
     * @param interactive whether the apps get the terminal's standard input; otherwise they read /dev/null
     * @param atExit      a command run once every app has exited (the pod's network teardown), or empty
     */
    static String of(List<Job> jobs, int lockFd, Path pidFile, boolean interactive, List<String> atExit) {
        String closeLock = " " + lockFd + "<&-";
        List<String> lines = new ArrayList<>();
        lines.add("printf '%s\\n' $$ > " + quote(pidFile.toString()));
        // an asynchronous command of a non-interactive shell reads /dev/null unless given stdin explicitly
        lines.add(interactive ? "exec 3<&0" : "exec 3</dev/null");
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            lines.add(start(job) + " 0<&3 3<&-" + closeLock + output(job, closeLock) + " &");
            lines.add("p" + i + "=$!");
        }
        lines.add("exec 3<&-");
        lines.add("trap " + quote(stop(jobs, closeLock)) + " TERM INT");
        lines.add("code=0");
        for (int i = 0; i < jobs.size(); i++) {
            lines.add("while :; do wait $p" + i + "; rc=$?; kill -0 $p" + i + " 2>/dev/null || break; done");
            lines.add("printf '%s\\n' $rc > " + quote(jobs.get(i).exitStatus().toString()));
            OomCheck oom = jobs.get(i).oomCheck();
            if (oom != null) {
                lines.add("grep -qs '^oom_kill [1-9]' " + quote(oom.events().toString()) + " && : > " + quote(oom.marker().toString()));
                lines.add(command(oom.delete()) + " >/dev/null 2>&1");
            }
            lines.add("[ $code -eq 0 ] && code=$rc");
        }
        if (!atExit.isEmpty()) lines.add(command(atExit) + " </dev/null");
        lines.add("exit $code");
        return String.join("\n", lines);
    }

    /** The app alone, or a subshell running its handlers around it; a failing pre-start handler ends it. */
    private static String start(Job job) {
        if (job.preStart().isEmpty() && job.postStop().isEmpty()) return command(job.run());
        StringBuilder text = new StringBuilder("( ");
        // handlers must not read what is meant for the app
        for (List<String> handler : job.preStart()) text.append(command(handler)).append(" </dev/null || exit $?; ");
        text.append(command(job.run())).append("; rc=$?; ");
        for (List<String> handler : job.postStop()) text.append(command(handler)).append(" </dev/null; ");
        return text.append("exit $rc )").toString();
    }

    /** Output to the terminal and to the log; the copying processes must not hold the pod lock either. */
    private static String output(Job job, String closeLock) {
        if (job.log() == null) return "";
        String log = quote(job.log().toString());
        return " > >(exec tee -a " + log + closeLock + ") 2> >(exec tee -a " + log + " >&2" + closeLock + ")";
    }

    /** SIGTERM to every app now; SIGKILL to those still running once the grace period is over. */
    private static String stop(List<Job> jobs, String closeLock) {
        StringBuilder term = new StringBuilder();
        StringBuilder kill = new StringBuilder();
        StringBuilder alive = new StringBuilder();
        for (int i = 0; i < jobs.size(); i++) {
            term.append(command(jobs.get(i).term())).append(" >/dev/null 2>&1; ");
            kill.append("kill -0 $p").append(i).append(" 2>/dev/null && ").append(command(jobs.get(i).kill()))
                    .append(" >/dev/null 2>&1; ");
            alive.append(i == 0 ? "" : " || ").append("kill -0 $p").append(i).append(" 2>/dev/null");
        }
        return term + "( i=0; while [ $i -lt " + STOP_GRACE_SECONDS + " ] && { " + alive + "; }; do sleep 1; i=$((i+1)); done; "
                + kill + ")" + closeLock + " &";
    }

    private static String command(List<String> argv) {
        return argv.stream().map(MonitorScript::quote).collect(Collectors.joining(" "));
    }

    /** Single-quotes a word for sh. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
