package dev.rocket.stage1.oci;

import dev.rocket.spec.isolator.BlockBandwidthIsolator;
import dev.rocket.spec.isolator.BlockIopsIsolator;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.stage1.isolation.IsolatorReport;

import java.util.List;
import java.util.OptionalLong;

/**
 * The block bandwidth and IOPS isolators (ace.md: "default": true, every block device) as read and write
 * throttles of each of the host's block devices; the lowest of app and pod wins.
 */
final class BlockIoLimits {

    private BlockIoLimits() {
    }

    static OciConfig.BlockIo of(List<Isolator> isolators, BlockDevices host) {
        OptionalLong bytes = OptionalLong.empty();
        OptionalLong iops = OptionalLong.empty();
        for (Isolator isolator : isolators) {
            if (isolator instanceof BlockBandwidthIsolator b) bytes = lowest(bytes, b.limit().amount());
            if (isolator instanceof BlockIopsIsolator i) iops = lowest(iops, i.limit().amount());
        }
        return new OciConfig.BlockIo(host.devices(), bytes, iops);
    }

    static void record(List<Isolator> isolators, BlockDevices host, boolean fly, IsolatorReport.Builder report) {
        for (Isolator isolator : isolators) {
            if (!(isolator instanceof BlockBandwidthIsolator) && !(isolator instanceof BlockIopsIsolator)) continue;
            String name = isolator.name().value();
            if (fly) report.ignored(name, "the fly flavor has no resource isolation");
            else if (host.devices().isEmpty()) report.ignored(name, "the host has no block devices to throttle");
            else report.enforced(name, "read and write throttled on " + host.devices().size() + " block devices ("
                    + host.devices().stream().map(BlockDevices.Device::toString).reduce((a, b) -> a + "," + b).orElse("")
                    + "); the lowest of app and pod applies");
        }
    }

    private static OptionalLong lowest(OptionalLong current, long candidate) {
        return current.isPresent() && current.getAsLong() <= candidate ? current : OptionalLong.of(candidate);
    }
}
