package dev.rocket.cli.rkt;

import dev.rocket.cli.CommandRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.InputStream;

/** The {@code rkt} command: rkt's command line, run by Rocket. */
@Command(name = "rkt",
        mixinStandardHelpOptions = false,
        description = "Rocket: run App Container pods without a daemon.",
        subcommands = {
                RktVersionCommand.class,
                TrustCommand.class,
                FetchCommand.class,
                RunCommand.class,
                PrepareCommand.class,
                RunPreparedCommand.class,
                StopCommand.class,
                CatManifestCommand.class,
                ListCommand.class,
                StatusCommand.class,
                RmCommand.class,
                GcCommand.class,
                EnterCommand.class,
                LogsCommand.class,
                ExportCommand.class,
                MetadataServiceCommand.class,
                dev.rocket.cli.rkt.image.ImageCommand.class,
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

    private InputStream in = System.in;

    /** Where prompts read answers from; standard input unless a test says otherwise. */
    public RktCommand readingFrom(InputStream input) {
        this.in = input;
        return this;
    }

    public InputStream in() {
        return in;
    }

    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandRunner("rkt").run(new RktCommand(), System.out, System.err, args));
    }
}
