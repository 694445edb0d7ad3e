package dev.rocket.stage0;

import dev.rocket.stage1.runtime.Conmon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The POSIX shell program that a running pod's process becomes (stage0 {@code execve}s {@code /bin/sh -c} with
 * it, dash on Debian, keeping the pod lock on descriptor {@value #LOCK_FD}: a POSIX shell names 0 to 9 only).
 * It starts every app (each app's pre-start handlers first, its post-stop handlers after), then records its PID,
 * turns SIGTERM and SIGINT into a SIGTERM to every app (a SIGKILL after a grace period), records each app's exit
 * code (and whether the kernel killed it for exceeding its memory limit, read from its cgroup before the exited
 * container is deleted) and exits with the first non-zero one. A shell is what stays resident, not a JVM.
 *
 * <p>An app runs either {@link Supervised} (conmon is its parent; the runtime exits once the app has started;
 * the shell waits for conmon to close the fifo it reported the container's PID on) or, where conmon cannot
 * serve, with the runtime in the {@link Foreground} until the app exits. Apps without handlers are waited for
 * by the shell itself; an app with handlers runs in a subshell of its own, which runs them around it.
 *
 * <p>Output: each app's standard output and error go straight to its log when the caller's stream is
 * {@code /dev/null}; otherwise a {@code tee} copies them from a fifo to the log and to the caller (one {@code tee}
 * for both when the caller's output and error are the same file, such as a terminal).
 */
final class MonitorScript {

    private MonitorScript() {
    }

    /** How long apps have to exit after SIGTERM before they are killed. */
    static final int STOP_GRACE_SECONDS = 10;

    /** The pod lock's descriptor in the shell. */
    static final int LOCK_FD = 9;

    /** How the monitor starts an app and learns its exit code. */
    sealed interface Start permits Foreground, Supervised {
    }

    /**
     * The runtime in the foreground, the app's parent until it exits; its exit code is the app's.
     *
     * @param run the runtime's command line running the app in the foreground
     */
    record Foreground(List<String> run) implements Start {
    }

    /**
     * conmon as the app's parent ({@link Conmon}).
     *
     * @param create   conmon's command line, which creates the container and stays while the app runs
     * @param start    the runtime's command line starting the created container
     * @param dir      conmon's working directory: it leaves a file {@code oom} in its working directory when the
     *                 kernel kills the app for memory, which must not land wherever {@code rkt run} was started
     * @param sync     a fifo: conmon reports the container's PID on it, or closes it without a word when creation
     *                 failed; it is closed for good when conmon exits
     * @param exitCode where conmon writes the app's exit code
     */
    record Supervised(List<String> create, List<String> start, Path dir, Path sync, Path exitCode) implements Start {
    }

    /**
     * @param log the file the app's standard output and error are appended to
     * @param out a fifo a copier reads the app's standard output from, when the caller keeps it
     * @param err the same for its standard error
     */
    record Output(Path log, Path out, Path err) {
    }

    /**
     * One app as the monitor runs it.
     *
     * @param start      how it starts
     * @param preStart   command lines of its pre-start handlers, in order
     * @param postStop   command lines of its post-stop handlers, in order
     * @param term       the runtime's command line sending SIGTERM to the app
     * @param kill       the same with SIGKILL
     * @param exitStatus where its exit code is recorded
     * @param output     where its output goes, or null to leave it on the caller's terminal (interactive)
     * @param oomCheck   how to learn, once the app has exited, whether the kernel killed it for running out of
     *                   memory; null when the container's cgroup is gone by then
     * @param delete     the runtime's command line deleting the exited container, or empty when the runtime
     *                   deletes it itself
     */
    record Job(Start start, List<List<String>> preStart, List<List<String>> postStop, List<String> term,
               List<String> kill, Path exitStatus, Output output, OomCheck oomCheck, List<String> delete) {
    }

    /**
     * @param events the app's cgroup file that counts its out-of-memory kills in an {@code oom_kill N} line
     *               (v1 {@code memory.oom_control}, v2 {@code memory.events})
     * @param marker the file to create when it counted one
     */
    record OomCheck(Path events, Path marker) {
    }

    /**
     * Descriptors no long-lived child may keep: the pod lock, the terminal's input meant for one app, and the
     * sync fifo's (a copy of the read-write one would keep the shell from seeing conmon's end).
     */
    private static final String CLOSED = " 3<&- 4<&- 5<&- " + LOCK_FD + "<&-";

    /**
     * @param interactive whether the apps get the terminal's standard input; otherwise they read /dev/null
     * @param atExit      a command run once every app has exited (the pod's network teardown), or empty
     */
    static String of(List<Job> jobs, Path pidFile, boolean interactive, List<String> atExit) {
        List<String> lines = new ArrayList<>();
        // an asynchronous command of a non-interactive shell reads /dev/null unless given stdin explicitly
        lines.add(interactive ? "exec 3<&0" : "exec 3</dev/null");
        lines.add("sig= stopping= g=");
        lines.add("trap " + quote("sig=1 stopping=1; " + stop(jobs)) + " TERM INT");
        lines.add(STREAMS);
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (!inShell(job)) {
                lines.add("[ \"$stopping\" ] || { " + subshell(job) + " & p" + i + "=$!; }");
            } else if (job.start() instanceof Supervised supervised) {
                lines.add("[ \"$stopping\" ] || { " + create(job, supervised) + "; }");
            } else {
                lines.add("[ \"$stopping\" ] || { " + streams(job) + command(((Foreground) job.start()).run())
                        + " 0<&3" + redirect(job) + CLOSED + " & p" + i + "=$!; }");
            }
        }
        lines.add("exec 3<&-");
        // recorded once the apps have started: a pod with a PID is ready (rkt status --wait-ready)
        lines.add("printf '%s\\n' $$ > " + quote(pidFile.toString()));
        lines.add("code=0");
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (inShell(job) && job.start() instanceof Supervised supervised) {
                lines.add(awaitConmon(supervised));
                lines.add(exitCode(supervised));
            } else {
                lines.add("rc=1; while [ \"$p" + i + "\" ]; do wait $p" + i + "; rc=$?; kill -0 $p" + i
                        + " 2>/dev/null || break; done");
            }
            lines.add("printf '%s\\n' $rc > " + quote(job.exitStatus().toString()));
            if (job.oomCheck() != null) {
                lines.add("grep -qs '^oom_kill [1-9]' " + quote(job.oomCheck().events().toString()) + " && : > "
                        + quote(job.oomCheck().marker().toString()));
            }
            if (!job.delete().isEmpty()) lines.add(command(job.delete()) + " >/dev/null 2>&1");
            lines.add("[ $code -eq 0 ] && code=$rc");
        }
        if (!atExit.isEmpty()) lines.add(command(atExit) + " </dev/null");
        lines.add("[ \"$g\" ] && kill $g 2>/dev/null");
        lines.add("exit $code");
        return String.join("\n", lines);
    }

    /**
     * {@code streams LOG OUT ERR} sets {@code o} and {@code e} to where an app's standard output and error go: the
     * log when the caller's stream is /dev/null, else a fifo with a copier from it to the log and the caller.
     */
    private static final String STREAMS = """
            streams() {
            \to=$1 e=$1
            \t[ /dev/stdout -ef /dev/null ] || { o=$2; tee -ai "$1" <"$2"%1$s & }
            \tif [ /dev/stderr -ef /dev/null ]; then :
            \telif [ /dev/stderr -ef /dev/stdout ]; then e=$o
            \telse e=$3; tee -ai "$1" <"$3" >&2%1$s &
            \tfi
            }""".formatted(CLOSED);

    /** Whether the shell itself waits for the app, rather than a subshell that runs its handlers around it. */
    private static boolean inShell(Job job) {
        return job.preStart().isEmpty() && job.postStop().isEmpty();
    }

    private static String streams(Job job) {
        Output output = job.output();
        if (output == null) return "";
        return "streams " + quote(output.log().toString()) + " " + quote(output.out().toString()) + " "
                + quote(output.err().toString()) + "; ";
    }

    private static String redirect(Job job) {
        return job.output() == null ? "" : " >>\"$o\" 2>>\"$e\"";
    }

    /**
     * conmon in the background; the shell reads the container's PID from the fifo and starts the container when
     * conmon reported one. No open of the fifo waits (a signal would end the shell in an {@code exec}'s open): the
     * shell holds it read-write until conmon's first process has exited, by which time the detached conmon holds
     * it for writing, then reads a line, or end of file when conmon ended without a word.
     */
    private static String create(Job job, Supervised supervised) {
        String sync = quote(supervised.sync().toString());
        return streams(job) + "exec 5<>" + sync + " 4<" + sync + "; { cd " + quote(supervised.dir().toString())
                + " && " + Conmon.SYNC_PIPE_VARIABLE + "=4 exec " + command(supervised.create()) + "; } 4>" + sync
                + " 0</dev/null" + redirect(job) + " 3<&- 5<&- "
                + LOCK_FD + "<&- & c=$!; while :; do wait $c; kill -0 $c 2>/dev/null || break; done; exec 5<&-; "
                + "created=; while :; do sig=; read -r created <&4 && break; [ \"$sig\" ] || break; done; exec 4<&-; "
                + "case $created in *'\"pid\": '[1-9]*) " + command(supervised.start()) + " </dev/null" + redirect(job)
                + CLOSED + ";; esac";
    }

    /**
     * Waits until conmon has exited: the fifo opened again, through a moment's read-write descriptor so that the
     * open never waits, reads end of file once no conmon holds it; a signal only interrupts the read.
     */
    private static String awaitConmon(Supervised supervised) {
        String sync = quote(supervised.sync().toString());
        return "exec 5<>" + sync + " 4<" + sync + " 5<&-; while :; do sig=; read -r _ <&4 && continue; [ \"$sig\" ] || break; done; exec 4<&-";
    }

    /** The app's exit code as conmon wrote it; 1 when it never started (creation failed, or the pod was stopped). */
    private static String exitCode(Supervised supervised) {
        String file = quote(supervised.exitCode().toString());
        return "rc=1; [ -s " + file + " ] && { read -r rc < " + file + " || :; }";
    }

    /** A subshell running the app between its handlers; a failing pre-start handler ends it. */
    private static String subshell(Job job) {
        StringBuilder text = new StringBuilder("( ");
        // handlers must not read what is meant for the app
        for (List<String> handler : job.preStart()) {
            text.append(command(handler)).append(" </dev/null").append(CLOSED).append(" || exit $?; ");
        }
        if (job.start() instanceof Supervised supervised) {
            // the subshell waits for conmon itself: it does what the pod's shell does with the stop signals
            text.append("trap 'sig=1' TERM INT; ").append(create(job, supervised)).append("; ")
                    .append(awaitConmon(supervised)).append("; ").append(exitCode(supervised)).append("; ");
        } else {
            text.append(streams(job)).append(command(((Foreground) job.start()).run())).append(" 0<&3")
                    .append(redirect(job)).append(CLOSED).append("; rc=$?; ");
        }
        for (List<String> handler : job.postStop()) {
            text.append(command(handler)).append(" </dev/null").append(CLOSED).append("; ");
        }
        return text.append("exit $rc ) 4<&- 5<&- ").append(LOCK_FD).append("<&-").toString();
    }

    /**
     * SIGTERM to every app now; SIGKILL to those still running once the grace period is over, by a subshell
     * that the shell ends when it exits itself.
     */
    private static String stop(List<Job> jobs) {
        StringBuilder term = new StringBuilder();
        StringBuilder kill = new StringBuilder();
        StringBuilder alive = new StringBuilder();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            String running = inShell(job) && job.start() instanceof Supervised supervised
                    ? "[ ! -e " + quote(supervised.exitCode().toString()) + " ]"
                    : "kill -0 \"$p" + i + "\" 2>/dev/null";
            term.append(command(job.term())).append(" >/dev/null 2>&1; ");
            kill.append(running).append(" && ").append(command(job.kill())).append(" >/dev/null 2>&1; ");
            alive.append(i == 0 ? "" : " || ").append(running);
        }
        // the grace period ends early once the pod's shell is gone: every app has exited then
        return term + "( i=0; while [ $i -lt " + STOP_GRACE_SECONDS + " ] && kill -0 $$ 2>/dev/null && { " + alive
                + "; }; do sleep 1; i=$((i+1)); done; kill -0 $$ 2>/dev/null || exit 0; " + kill + ")" + CLOSED + " & g=$!";
    }

    private static String command(List<String> argv) {
        return argv.stream().map(MonitorScript::quote).collect(Collectors.joining(" "));
    }

    /** Single-quotes a word for sh. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
