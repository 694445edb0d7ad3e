package dev.rocket.os.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/** This process and signals to others: {@code getpid}, {@code kill}, {@code umask}. */
public final class Processes {

    private static final MethodHandle GETPID = Libc.infallible("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle UMASK = Libc.infallible("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Processes() {
    }

    /** The ID of this process, which a program started by {@link Execve} keeps. */
    public static int getpid() {
        return (int) Libc.callInfallible((arena, state) -> (int) GETPID.invokeExact());
    }

    /** Sends {@code signal} to process {@code pid}; fails with {@code ESRCH} when there is no such process. */
    public static void kill(int pid, Signal signal) throws LinuxException {
        if (pid <= 0) {
            throw new IllegalArgumentException("kill takes the ID of one process, not " + pid
                    + " (which would signal a process group or every process)");
        }
        int number = signal.number();
        Libc.call("kill", null, pid + ", " + signal, (arena, state) -> SystemCalls.invoke(state, SystemCalls.KILL, pid, number));
    }

    /** Sets the file mode creation mask of the whole process and returns the previous one. */
    public static int umask(int mask) {
        if ((mask & ~0777) != 0) throw new IllegalArgumentException("a umask is at most 0777, not 0" + Integer.toOctalString(mask));
        return (int) Libc.callInfallible((arena, state) -> (int) UMASK.invokeExact(mask));
    }
}
