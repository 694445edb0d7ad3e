package dev.rocket.stage1.oci;

import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.spec.isolator.CapabilitySetIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.stage1.isolation.IsolatorReport;

import java.util.List;
import java.util.stream.Collectors;

/** Records in the isolator report which capabilities an app was given and why. */
final class CapabilityReport {

    private CapabilityReport() {
    }

    static void record(AppLaunch launch, List<Isolator> isolators, boolean root, OciConfig.Capabilities given,
                       IsolatorReport.Builder report) {
        String why = launch.flavor() == Flavor.FLY ? "the fly flavor grants every capability"
                : launch.insecure().allows(Option.CAPABILITIES) ? "--insecure-options=capabilities grants every capability"
                : null;
        String sets = "bounding set " + names(given) + (root ? " (also effective, permitted, inheritable)"
                : " only: a non-root app gets no effective capabilities");
        List<Isolator> capabilityIsolators = isolators.stream().filter(CapabilitySetIsolator.class::isInstance).toList();
        if (capabilityIsolators.isEmpty()) {
            if (why != null) report.modified("capabilities", why);
            else report.enforced("capabilities", "appc default set: " + sets);
            return;
        }
        for (Isolator isolator : capabilityIsolators) {
            if (why != null) report.ignored(isolator.name().value(), why);
            else report.enforced(isolator.name().value(), sets);
        }
    }

    private static String names(OciConfig.Capabilities given) {
        return given.bounding().isEmpty() ? "empty"
                : given.bounding().stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
