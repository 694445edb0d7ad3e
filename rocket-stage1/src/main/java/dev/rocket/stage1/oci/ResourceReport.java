package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.Isolator;
import dev.rocket.spec.isolator.MemoryIsolator;
import dev.rocket.spec.isolator.RequestLimitIsolator;
import dev.rocket.stage1.isolation.IsolatorReport;

import java.util.List;

/**
 * Records in the isolator report what became of the memory and CPU isolators: a pod's bound its apps, so an
 * app's limit above its pod's is modified down to it.
 */
final class ResourceReport {

    private ResourceReport() {
    }

    static void record(List<Isolator> app, List<Isolator> pod, boolean fly, IsolatorReport.Builder report) {
        for (Isolator isolator : app) record(isolator, pod, fly, "app", report);
        for (Isolator isolator : pod) record(isolator, List.of(), fly, "pod", report);
    }

    private static void record(Isolator isolator, List<Isolator> bounds, boolean fly, String scope,
                               IsolatorReport.Builder report) {
        if (!(isolator instanceof RequestLimitIsolator resource)) return;
        String name = isolator.name().value();
        if (fly) {
            report.ignored(name, "the fly flavor has no resource isolation");
            return;
        }
        String what = resource instanceof MemoryIsolator
                ? "memory limit " + resource.limit() + (resource.request().isPresent()
                        ? ", request " + resource.request().get() + " as the soft limit" : "")
                : "CPU limit " + resource.limit() + " as a CFS quota, request " + resource.effectiveRequest()
                        + " as CPU shares";
        for (Isolator bound : bounds) {
            if (bound.getClass() == isolator.getClass()
                    && ((RequestLimitIsolator) bound).limit().amount() < resource.limit().amount()) {
                report.modified(name, what + ", lowered to the pod's limit " + ((RequestLimitIsolator) bound).limit());
                return;
            }
        }
        report.enforced(name, what + " (" + scope + ")");
    }
}
