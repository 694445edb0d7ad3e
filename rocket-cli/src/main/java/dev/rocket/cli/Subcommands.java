package dev.rocket.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * A root command whose subcommands are registered by {@link CommandRunner} instead of by picocli's
 * {@code @Command(subcommands = ...)}, so that a command line builds only the subcommands it names: building a
 * command's model (even from generated code, see {@link ToolCommand}) and loading its class cost start-up time.
 */
public interface Subcommands {

    /** Every subcommand's name, in the order the usage lists them. */
    List<String> subcommandNames();

    /** The model of a new instance of the named subcommand. */
    CommandSpec subcommand(String name);
}
