package dev.rocket.cli.actool;

import dev.rocket.cli.CommandRunner;
import dev.rocket.cli.ToolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code actool} command: build, validate and inspect App Container images and manifests. */
@Command(name = "actool",
        description = "Build, validate and inspect App Container images and manifests.",
        subcommands = {
                ActoolVersionCommand.class,
                ActoolBuildCommand.class,
                ActoolValidateCommand.class,
                ActoolCatManifestCommand.class,
                ActoolPatchManifestCommand.class,
                ActoolDiscoverCommand.class,
        },
        synopsisSubcommandLabel = "COMMAND")
public final class ActoolCommand implements Runnable, ToolCommand {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print more debug information to stderr.")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public CommandSpec commandSpec() {
        return ActoolCommand_Spec.of(this);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandRunner("actool").run(new ActoolCommand(), System.out, System.err, args));
    }
}
