package dev.rocket.stage1.isolation;

import dev.rocket.spec.isolator.Errno;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A seccomp filter as the OCI runtime takes it ({@code linux.seccomp}): one action for every syscall not named,
 * another for the named ones.
 *
 * @param defaultAction what happens to a syscall not in {@code syscalls}
 * @param listedAction  what happens to the syscalls in {@code syscalls}
 * @param errno         the error returned where an action is {@link Action#ERRNO}
 */
public record SeccompProfile(Action defaultAction, Action listedAction, SortedSet<String> syscalls,
                             Optional<Errno> errno) {

    /** Architectures the filter covers: x86-64 and the 32-bit ABIs a 64-bit kernel also runs. */
    public static final java.util.List<String> ARCHITECTURES = java.util.List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
            "SCMP_ARCH_X32");

    /** What a filter does with a syscall. */
    public enum Action {
        ALLOW("SCMP_ACT_ALLOW"),
        ERRNO("SCMP_ACT_ERRNO"),
        /** The spec's default for a blocked syscall: the whole app is killed with SIGSYS. */
        KILL_PROCESS("SCMP_ACT_KILL_PROCESS");

        private final String oci;

        Action(String oci) {
            this.oci = oci;
        }

        /** The OCI runtime specification's name of the action. */
        public String oci() {
            return oci;
        }

        /** Blocking: the errno if one is given, else SIGSYS. */
        static Action blocking(Optional<Errno> errno) {
            return errno.isPresent() ? ERRNO : KILL_PROCESS;
        }
    }

    public SeccompProfile {
        syscalls = Collections.unmodifiableSortedSet(new TreeSet<>(syscalls));
        if ((defaultAction == Action.ERRNO || listedAction == Action.ERRNO) && errno.isEmpty()) {
            throw new IllegalArgumentException("an errno action needs an errno");
        }
    }

    /** Everything allowed except {@code blocked}. */
    public static SeccompProfile removing(SortedSet<String> blocked, Optional<Errno> errno) {
        return new SeccompProfile(Action.ALLOW, Action.blocking(errno), blocked, errno);
    }

    /** Everything blocked except {@code allowed}. */
    public static SeccompProfile retaining(SortedSet<String> allowed, Optional<Errno> errno) {
        return new SeccompProfile(Action.blocking(errno), Action.ALLOW, allowed, errno);
    }
}
