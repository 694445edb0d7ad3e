package dev.rocket.base;

/** Waiting for helper threads whose outcome the caller needs whatever happens. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended, even when interrupted meanwhile (the thread finishes by itself and
     * its result, or what it still touches, is the caller's); an interrupt is kept for the caller to see.
     */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
