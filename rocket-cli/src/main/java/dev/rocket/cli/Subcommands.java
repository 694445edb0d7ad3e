package dev.rocket.cli;

import java.util.List;

/**
 * A root command whose subcommands are registered by {@link CommandRunner} instead of by picocli's
 * {@code @Command(subcommands = ...)}, so that a command line builds only the subcommands it names: picocli
 * introspects every registered command class (its fields' types, annotations, defaults) at start-up, which is
 * most of a short command's run time.
 */
public interface Subcommands {

    /** Every subcommand's name, in the order the usage lists them. */
    List<String> subcommandNames();

    /** A new instance of the named subcommand. */
    Object subcommand(String name);
}
