package dev.rocket.stage1.isolation;

import dev.rocket.base.RocketException;
import dev.rocket.spec.isolator.Errno;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.SeccompRemoveSetIsolator;
import dev.rocket.spec.isolator.SeccompRetainSetIsolator;
import dev.rocket.spec.isolator.SeccompSetIsolator;
import dev.rocket.spec.isolator.SyscallName;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Decides an app's seccomp filter from its seccomp isolator (ace.md, rkt's seccomp-guide.md):
 * <ul>
 *   <li>none: the default filter, {@code @rkt/default-blacklist} removed with EPERM (as Docker answers, so an
 *       app probing for an optional syscall keeps running);</li>
 *   <li>a remove set: its syscalls and the default blacklist blocked ({@code @appc.io/empty} leaves only the
 *       default blacklist);</li>
 *   <li>a retain set: only its syscalls and the runtime's minimum allowed ({@code @appc.io/all}: no filter);</li>
 *   <li>blocked syscalls return the isolator's errno, or kill the app with SIGSYS when it names none.</li>
 * </ul>
 */
public final class SeccompPolicy {

    /** The errno of the default filter. */
    public static final Errno DEFAULT_ERRNO = Errno.EPERM;

    private SeccompPolicy() {
    }

    /**
     * The filter of an app, or empty for none, with what was done recorded in {@code report}.
     *
     * @param appIsolators the app's own isolators (seccomp isolators have app scope)
     * @param podIsolators the pod's isolators; seccomp isolators among them are reported as ignored
     * @param disabled     why no filter may be applied ({@code --insecure-options=seccomp}, the fly flavor), if so
     */
    public static Optional<SeccompProfile> decide(List<Isolator> appIsolators, List<Isolator> podIsolators,
                                                  Optional<String> disabled, IsolatorReport.Builder report)
            throws RocketException {
        for (Isolator isolator : podIsolators) {
            if (isolator instanceof SeccompSetIsolator) {
                report.ignored(isolator.name().value(), "seccomp isolators apply to an app, not to a pod;"
                        + " give it in the app's image manifest or the pod manifest's app entry");
            }
        }
        Optional<SeccompSetIsolator> given = appIsolators.stream().filter(SeccompSetIsolator.class::isInstance)
                .map(SeccompSetIsolator.class::cast).findFirst();
        if (disabled.isPresent()) {
            String name = given.map(i -> i.name().value()).orElse("seccomp");
            report.ignored(name, "no seccomp filter: " + disabled.get());
            return Optional.empty();
        }
        if (given.isEmpty()) {
            report.enforced("seccomp", "default filter: " + SyscallGroups.RKT_DEFAULT_BLACKLIST
                    + " blocked with " + DEFAULT_ERRNO);
            return Optional.of(SeccompProfile.removing(SyscallGroups.group(SyscallGroups.RKT_DEFAULT_BLACKLIST),
                    Optional.of(DEFAULT_ERRNO)));
        }
        return switch (given.get()) {
            case SeccompRetainSetIsolator retain -> retain(retain, report);
            case SeccompRemoveSetIsolator remove -> remove(remove, report);
        };
    }

    private static Optional<SeccompProfile> retain(SeccompRetainSetIsolator retain, IsolatorReport.Builder report)
            throws RocketException {
        String name = retain.name().value();
        if (retain.set().contains(SyscallName.ALL)) {
            report.enforced(name, "@appc.io/all retained: no syscall is filtered");
            return Optional.empty();
        }
        SortedSet<String> allowed = SyscallGroups.expand(retain.set());
        SortedSet<String> added = new TreeSet<>(SyscallGroups.runtimeMinimum());
        added.removeAll(allowed);
        allowed.addAll(added);
        String blocked = " others " + blockedBy(retain.errno());
        if (added.isEmpty()) report.enforced(name, allowed.size() + " syscalls allowed;" + blocked);
        else report.modified(name, allowed.size() + " syscalls allowed, including " + added.size()
                + " the runtime needs to start the app (" + String.join(",", added) + ");" + blocked);
        return Optional.of(SeccompProfile.retaining(allowed, retain.errno()));
    }

    private static Optional<SeccompProfile> remove(SeccompRemoveSetIsolator remove, IsolatorReport.Builder report)
            throws RocketException {
        String name = remove.name().value();
        SortedSet<String> blocked = remove.set().contains(SyscallName.EMPTY)
                ? new TreeSet<>() : SyscallGroups.expand(remove.set());
        SortedSet<String> added = new TreeSet<>(SyscallGroups.group(SyscallGroups.RKT_DEFAULT_BLACKLIST));
        added.removeAll(blocked);
        blocked.addAll(added);
        String how = " " + blockedBy(remove.errno());
        if (added.isEmpty()) report.enforced(name, blocked.size() + " syscalls blocked;" + how);
        else report.modified(name, blocked.size() + " syscalls blocked, the set with "
                + SyscallGroups.RKT_DEFAULT_BLACKLIST + ";" + how);
        return Optional.of(SeccompProfile.removing(blocked, remove.errno()));
    }

    private static String blockedBy(Optional<Errno> errno) {
        return errno.map(e -> "return " + e.name()).orElse("kill the app with SIGSYS");
    }
}
