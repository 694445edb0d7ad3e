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

    static void record(List<Isolator> isolators, IsolatorReport.Builder report) {
        for (Isolator isolator : isolators) {
            String reason = switch (isolator) {
                case NetworkBandwidthIsolator n -> "network bandwidth belongs to the pod's network setup, not applied yet";
                case UnknownIsolator u -> "not an isolator Rocket knows";
                default -> null;
            };
            if (reason != null) report.ignored(isolator.name().value(), reason);
        }
    }
}
