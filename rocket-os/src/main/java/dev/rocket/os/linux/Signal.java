package dev.rocket.os.linux;

/** The signals Rocket sends, with their numbers on x86_64 and aarch64 (the same on both). */
public enum Signal {
    SIGHUP(1),
    SIGINT(2),
    SIGQUIT(3),
    SIGKILL(9),
    SIGUSR1(10),
    SIGUSR2(12),
    SIGTERM(15),
    SIGCHLD(17),
    SIGCONT(18),
    SIGSTOP(19);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
