package dev.rocket.cli;

/**
 * A command whose flags after its first positional argument belong to that argument (rkt run's per-app flags):
 * picocli stops parsing options there and hands the rest over as positional words.
 */
public interface PositionalFlags {
}
