package dev.rocket.cli.rkt;

import dev.rocket.cli.CommandRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code rkt} command: rkt's command line, run by Rocket. */
@Command(name = "rkt",
        mixinStandardHelpOptions = false,
        description = "Rocket: run App Container pods without a daemon.",
        subcommands = {
                RktVersionCommand.class,
        },
        synopsisSubcommandLabel = "COMMAND")
public final class RktCommand implements Runnable {

    @Mixin
    GlobalOptions global;

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandRunner("rkt").run(new RktCommand(), System.out, System.err, args));
    }
}
