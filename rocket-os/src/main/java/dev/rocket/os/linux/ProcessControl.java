package dev.rocket.os.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** The parts of {@code prctl(2)} a pod supervisor needs: becoming a child subreaper and a parent-death signal. */
public final class ProcessControl {

    private static final int PR_SET_PDEATHSIG = 1;
    private static final int PR_SET_CHILD_SUBREAPER = 36;

    private static final MethodHandle PRCTL = Libc.variadic("prctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);

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
                (arena, state) -> (int) PRCTL.invokeExact(state, option, argument, 0L, 0L, 0L));
    }
}
