package dev.rocket.os.linux;

/** The kinds of Linux namespace, with their {@code CLONE_NEW*} flag and their name under {@code /proc/PID/ns}. */
public enum Namespace implements BitFlag {
    MOUNT(0x00020000, "mnt"),
    UTS(0x04000000, "uts"),
    IPC(0x08000000, "ipc"),
    USER(0x10000000, "user"),
    PID(0x20000000, "pid"),
    NETWORK(0x40000000, "net"),
    CGROUP(0x02000000, "cgroup"),
    TIME(0x00000080, "time");

    private final int cloneFlag;
    private final String procName;

    Namespace(int cloneFlag, String procName) {
        this.cloneFlag = cloneFlag;
        this.procName = procName;
    }

    /** The {@code CLONE_NEW*} flag of {@code unshare} and {@code setns}. */
    @Override
    public long value() {
        return cloneFlag;
    }

    /** The file name under {@code /proc/PID/ns}, such as {@code net}. */
    public String procName() {
        return procName;
    }
}
