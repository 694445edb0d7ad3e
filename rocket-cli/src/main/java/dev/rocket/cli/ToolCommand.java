package dev.rocket.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A tool's top command ({@code rkt}, {@code actool}), which {@link CommandRunner} runs. Its picocli model, and
 * every subcommand's, is built by the {@code NAME_Spec} class generated at compile time from the command's
 * annotations (dev.rocket.cli.codegen.CommandSpecProcessor): picocli reading them by reflection would cost every
 * start a proxy class per annotation type.
 */
public interface ToolCommand {

    /** The model of this command, bound to its fields. */
    CommandSpec commandSpec();
}
