package dev.rocket.pod;

import java.time.Duration;

/**
 * How {@code rkt gc} treats pods (rkt-docs {@code subcommands/gc.md}).
 *
 * @param gracePeriod    how long a pod marked as exited garbage stays, counted from the mark, so that
 *                       {@code rkt status} can still read it
 * @param expirePrepared how long a prepared pod may wait for {@code run-prepared} before it is discarded
 * @param markOnly       move exited and failed pods to the garbage directories but delete nothing
 */
public record GcPolicy(Duration gracePeriod, Duration expirePrepared, boolean markOnly) {

    /** rkt's defaults: a grace period of 30 minutes, prepared pods expire after 24 hours. */
    public static final GcPolicy DEFAULT = new GcPolicy(Duration.ofMinutes(30), Duration.ofHours(24), false);

    public GcPolicy {
        if (gracePeriod == null || gracePeriod.isNegative()) {
            throw new IllegalArgumentException("the grace period must be zero or more: " + gracePeriod);
        }
        if (expirePrepared == null || expirePrepared.isNegative()) {
            throw new IllegalArgumentException("the expiry of prepared pods must be zero or more: " + expirePrepared);
        }
    }
}
