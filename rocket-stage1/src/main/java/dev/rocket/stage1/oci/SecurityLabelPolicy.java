package dev.rocket.stage1.oci;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.isolator.ApparmorProfileIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.SelinuxContextIsolator;
import dev.rocket.spec.types.AcName;
import dev.rocket.stage1.isolation.IsolatorReport;

import java.util.List;
import java.util.Optional;

/**
 * The AppArmor profile and SELinux label of an app (ace.md): the app's isolator, else the pod's. A host without
 * the module ignores the isolator (the spec allows it); a host with AppArmor but without the named profile
 * loaded refuses the app (the spec requires it).
 */
final class SecurityLabelPolicy {

    private SecurityLabelPolicy() {
    }

    static OciConfig.SecurityLabels decide(AcName app, List<Isolator> appIsolators, List<Isolator> podIsolators,
                                           SecurityModules host, boolean fly, IsolatorReport.Builder report)
            throws RocketException {
        Optional<ApparmorProfileIsolator> apparmor = first(ApparmorProfileIsolator.class, appIsolators, podIsolators);
        Optional<SelinuxContextIsolator> selinux = first(SelinuxContextIsolator.class, appIsolators, podIsolators);
        Optional<String> profile = Optional.empty();
        Optional<String> label = Optional.empty();
        if (apparmor.isPresent()) {
            String name = apparmor.get().profile();
            if (fly) {
                report.ignored(ApparmorProfileIsolator.NAME, "the fly flavor runs apps unconfined");
            } else if (host.apparmorProfiles().isEmpty()) {
                report.ignored(ApparmorProfileIsolator.NAME, "AppArmor is not enabled on this host");
            } else if (!host.apparmorProfiles().get().contains(name)) {
                throw new RocketException(Kind.NOT_FOUND, "app " + app.value() + " asks for AppArmor profile \"" + name
                        + "\", which is not loaded on this host; load it (apparmor_parser -r FILE) or remove "
                        + ApparmorProfileIsolator.NAME);
            } else {
                profile = Optional.of(name);
                report.enforced(ApparmorProfileIsolator.NAME, "AppArmor profile " + name);
            }
        }
        if (selinux.isPresent()) {
            SelinuxContextIsolator context = selinux.get();
            String text = context.user() + ":" + context.role() + ":" + context.type() + ":" + context.level();
            if (fly) {
                report.ignored(SelinuxContextIsolator.NAME, "the fly flavor runs apps unconfined");
            } else if (!host.selinux()) {
                report.ignored(SelinuxContextIsolator.NAME, "SELinux is not enabled on this host");
            } else {
                label = Optional.of(text);
                report.enforced(SelinuxContextIsolator.NAME, "process label " + text);
            }
        }
        return new OciConfig.SecurityLabels(profile, label);
    }

    /** The app's isolator of {@code type}, which overrides the pod's. */
    private static <T extends Isolator> Optional<T> first(Class<T> type, List<Isolator> app, List<Isolator> pod) {
        Optional<T> own = app.stream().filter(type::isInstance).map(type::cast).findFirst();
        return own.isPresent() ? own : pod.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
