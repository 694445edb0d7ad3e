package dev.rocket.spec.isolator;

import dev.rocket.spec.SpecException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A Linux capability (capabilities(7)), written in manifests by its {@code CAP_} name. Covers every
 * capability up to {@link #CAP_CHECKPOINT_RESTORE}; {@link #number()} is the kernel's bit number.
 */
public enum Capability {
    CAP_CHOWN(0),
    CAP_DAC_OVERRIDE(1),
    CAP_DAC_READ_SEARCH(2),
    CAP_FOWNER(3),
    CAP_FSETID(4),
    CAP_KILL(5),
    CAP_SETGID(6),
    CAP_SETUID(7),
    CAP_SETPCAP(8),
    CAP_LINUX_IMMUTABLE(9),
    CAP_NET_BIND_SERVICE(10),
    CAP_NET_BROADCAST(11),
    CAP_NET_ADMIN(12),
    CAP_NET_RAW(13),
    CAP_IPC_LOCK(14),
    CAP_IPC_OWNER(15),
    CAP_SYS_MODULE(16),
    CAP_SYS_RAWIO(17),
    CAP_SYS_CHROOT(18),
    CAP_SYS_PTRACE(19),
    CAP_SYS_PACCT(20),
    CAP_SYS_ADMIN(21),
    CAP_SYS_BOOT(22),
    CAP_SYS_NICE(23),
    CAP_SYS_RESOURCE(24),
    CAP_SYS_TIME(25),
    CAP_SYS_TTY_CONFIG(26),
    CAP_MKNOD(27),
    CAP_LEASE(28),
    CAP_AUDIT_WRITE(29),
    CAP_AUDIT_CONTROL(30),
    CAP_SETFCAP(31),
    CAP_MAC_OVERRIDE(32),
    CAP_MAC_ADMIN(33),
    CAP_SYSLOG(34),
    CAP_WAKE_ALARM(35),
    CAP_BLOCK_SUSPEND(36),
    CAP_AUDIT_READ(37),
    CAP_PERFMON(38),
    CAP_BPF(39),
    CAP_CHECKPOINT_RESTORE(40);

    /**
     * The 14 capabilities an app's bounding set holds when it has no capability isolator (ace.md
     * "os/linux/capabilities-remove-set"), and from which a remove set subtracts.
     */
    public static final Set<Capability> APPC_DEFAULT_SET = Collections.unmodifiableSet(EnumSet.of(
            CAP_AUDIT_WRITE, CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_FOWNER, CAP_KILL, CAP_MKNOD,
            CAP_NET_RAW, CAP_NET_BIND_SERVICE, CAP_SETUID, CAP_SETGID, CAP_SETPCAP, CAP_SETFCAP, CAP_SYS_CHROOT));

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    /** The capability's bit number in the kernel's capability sets. */
    public int number() {
        return number;
    }

    /**
     * Parses a capability name such as {@code CAP_NET_ADMIN}. The violation has the path {@code $}; when
     * the text is a known capability in another spelling ({@code net_admin}) the rule names the right one.
     */
    public static Capability parse(String text) throws SpecException {
        if (text == null || text.isEmpty()) throw new SpecException("$", text, "a capability name must not be empty");
        Capability exact = byName(text);
        if (exact != null) return exact;
        String upper = text.toUpperCase(Locale.ROOT);
        Capability meant = byName(upper.startsWith("CAP_") ? upper : "CAP_" + upper);
        throw new SpecException("$", text, meant != null
                ? "capabilities are written in upper case with the CAP_ prefix: use " + meant.name()
                : "not a Linux capability; expected a name such as CAP_NET_ADMIN or CAP_SYS_CHROOT"
                        + " (see capabilities(7))");
    }

    private static Capability byName(String name) {
        for (Capability capability : values()) {
            if (capability.name().equals(name)) return capability;
        }
        return null;
    }
}
