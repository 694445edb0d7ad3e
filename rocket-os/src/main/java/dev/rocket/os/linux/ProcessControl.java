package dev.rocket.os.linux;

/**
 * The parts of {@code prctl(2)} a pod supervisor needs: becoming a child subreaper and a parent-death signal
 * (through {@link SystemCalls}).
 */
public final class ProcessControl {

    private static final int PR_SET_PDEATHSIG = 1;
    private static final int PR_SET_CHILD_SUBREAPER = 36;

    private ProcessControl() {
    }

    /**
     * Makes this process adopt its orphaned descendants (instead of init), so that it can wait for the processes
     * of a pod that daemonize; {@code false} turns it off.
     */
    public static void setChildSubreaper(boolean subreaper) throws LinuxException {
        prctl(PR_SET_CHILD_SUBREAPER, subreaper ? 1 : 0, "PR_SET_CHILD_SUBREAPER, " + (subreaper ? 1 : 0));
    }

    /**
     * Asks for {@code signal} when the thread that created this process ends. It is kept across {@code execve},
     * so a program this JVM becomes keeps it too.
     */
    public static void setParentDeathSignal(Signal signal) throws LinuxException {
        prctl(PR_SET_PDEATHSIG, signal.number(), "PR_SET_PDEATHSIG, " + signal);
    }

    private static void prctl(int option, long argument, String shown) throws LinuxException {
        Libc.call("prctl", null, shown,
                (arena, state) -> SystemCalls.invoke(state, SystemCalls.PRCTL, option, argument, 0L, 0L, 0L));
    }
}
