package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.isolator.Isolator;
import dev.rocket.stage1.isolation.IsolatorFlags;
import dev.rocket.stage1.isolation.IsolatorOverrides;
import dev.rocket.stage1.oci.AppLaunch;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The isolation flags of {@code rkt run} and {@code rkt prepare} (rkt's run.md), for a command to take in with
 * {@code @Mixin}; {@link #overrides()} gives them as one value for stage0 to apply to each app.
 */
public final class IsolatorOptions {

    @Option(names = "--caps-retain", paramLabel = "CAP,...",
            description = "Capabilities the app keeps, in place of the image's capability isolators (e.g. CAP_NET_ADMIN,CAP_KILL).")
    String capsRetain;

    @Option(names = "--caps-remove", paramLabel = "CAP,...",
            description = "Capabilities taken out of the default set, in place of the image's capability isolators.")
    String capsRemove;

    @Option(names = "--seccomp", paramLabel = "mode=retain|remove[,errno=NAME],SYSCALL,...",
            description = "The app's seccomp filter, in place of the image's, e.g. mode=remove,errno=ENOTSUP,reboot,@rkt/default-blacklist.")
    String seccomp;

    @Option(names = "--memory", paramLabel = "QUANTITY", description = "The app's memory limit, e.g. 512Mi or 1G.")
    String memory;

    @Option(names = "--cpu", paramLabel = "QUANTITY", description = "The app's CPU limit in cores, e.g. 500m or 2.")
    String cpu;

    @Option(names = "--oom-score-adjust", paramLabel = "N",
            description = "The app's oom_score_adj, from -1000 (never killed) to 1000 (killed first).")
    Integer oomScoreAdjust;

    @Option(names = "--readonly-rootfs", description = "Mount the app's root file system read-only.")
    boolean readOnlyRootfs;

    /** The flags as overrides of the apps' manifests. */
    public IsolatorOverrides overrides() throws RocketException {
        if (capsRetain != null && capsRemove != null) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--caps-retain and --caps-remove exclude each other; give one");
        }
        List<Isolator> isolators = new ArrayList<>();
        if (capsRetain != null) isolators.add(IsolatorFlags.capabilities(capsRetain, true));
        if (capsRemove != null) isolators.add(IsolatorFlags.capabilities(capsRemove, false));
        if (seccomp != null) isolators.add(IsolatorFlags.seccomp(seccomp));
        if (memory != null) isolators.add(IsolatorFlags.memory(memory));
        if (cpu != null) isolators.add(IsolatorFlags.cpu(cpu));
        if (oomScoreAdjust != null
                && (oomScoreAdjust < AppLaunch.OOM_SCORE_ADJ_MIN || oomScoreAdjust > AppLaunch.OOM_SCORE_ADJ_MAX)) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "--oom-score-adjust " + oomScoreAdjust
                    + " is out of range; give a number from -1000 to 1000");
        }
        return new IsolatorOverrides(isolators,
                oomScoreAdjust == null ? OptionalInt.empty() : OptionalInt.of(oomScoreAdjust), readOnlyRootfs);
    }
}
