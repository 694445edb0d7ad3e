package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.NetworkBandwidthIsolator;
import dev.rocket.spec.isolator.UnknownIsolator;
import dev.rocket.stage1.isolation.IsolatorReport;

import java.util.List;

/** Records the isolators the configuration does not apply as ignored, each with the reason. */
final class OtherIsolators {

    private OtherIsolators() {
    }

    /** {@code podNetwork}: the app is in the pod's own network namespace, whose CNI interfaces stage0 limits. */
    static void record(List<Isolator> isolators, boolean podNetwork, IsolatorReport.Builder report) {
        for (Isolator isolator : isolators) {
            if (isolator instanceof NetworkBandwidthIsolator && podNetwork) {
                report.enforced(isolator.name().value(), "on the pod's network interfaces, shared by its apps (CNI"
                        + " bandwidth plugin, the lowest limit of the pod); loopback is not limited");
                continue;
            }
            String reason = switch (isolator) {
                case NetworkBandwidthIsolator n -> "the app shares the host's network (--net=host or fly), whose"
                        + " interfaces Rocket does not limit";
                case UnknownIsolator u -> "not an isolator Rocket knows";
                default -> null;
            };
            if (reason != null) report.ignored(isolator.name().value(), reason);
        }
    }
}
