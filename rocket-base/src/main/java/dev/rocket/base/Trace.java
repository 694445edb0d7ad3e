package dev.rocket.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Phase timestamps for finding where a command's time goes: with the environment variable {@value #VARIABLE}
 * set (to anything but empty or {@code 0}), {@link #mark} prints {@code rkt-trace: MS PHASE} to standard error,
 * MS being the milliseconds since this process was started (by the launcher, before the JVM), so that JVM
 * start-up shows too. Without it a mark costs one field read.
 */
public final class Trace {

    /** The environment variable that switches tracing on. */
    public static final String VARIABLE = "ROCKET_TRACE";

    private static final boolean ENABLED = enabled(System.getenv(VARIABLE));
    /** {@link System#nanoTime} at the process's start, or 0 when tracing is off. */
    private static final long START = ENABLED ? processStartNanos() : 0;

    private Trace() {
    }

    /** Whether tracing is on. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Prints the phase reached, when tracing is on. */
    public static void mark(String phase) {
        if (ENABLED) System.err.printf("rkt-trace: %7.1f %s%n", (System.nanoTime() - START) / 1e6, phase);
    }

    static boolean enabled(String value) {
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /**
     * {@link System#nanoTime} at the moment this process was started: its age from {@code /proc/self/stat}
     * (field 22, in clock ticks since boot) against {@code /proc/uptime}, at the precision of a tick (10 ms);
     * the first mark's time if they cannot be read.
     */
    private static long processStartNanos() {
        long now = System.nanoTime();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22 of the whole line
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            double ageSeconds = uptime - startTicks / 100.0;
            return now - (long) (ageSeconds * 1e9);
        } catch (IOException | RuntimeException e) {
            return now;
        }
    }
}
