package dev.rocket.os.linux;

/**
 * A child JVM of {@link ProcessControlTest}: asks for SIGKILL when its parent ends, says so, then waits to be
 * killed (and ends by itself after a minute should the signal never come).
 */
public final class ParentDeathProbe {

    private ParentDeathProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProcessControl.setParentDeathSignal(Signal.SIGKILL);
        System.out.println("armed " + Processes.getpid());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
