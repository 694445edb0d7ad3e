package dev.rocket.cli.rkt;

import dev.rocket.cli.CommandRunner;
import dev.rocket.cli.Subcommands;
import dev.rocket.stage0.StartWarmUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.InputStream;
import java.util.List;

/** The {@code rkt} command: rkt's command line, run by Rocket. */
@Command(name = "rkt",
        mixinStandardHelpOptions = false,
        description = "Rocket: run App Container pods without a daemon.",
        synopsisSubcommandLabel = "COMMAND")
public final class RktCommand implements Runnable, Subcommands {

    /** The subcommands, in the order the usage lists them; only those a command line names are built. */
    private static final List<String> SUBCOMMANDS = List.of("version", "trust", "fetch", "run", "prepare",
            "run-prepared", "stop", "cat-manifest", "list", "status", "rm", "gc", "enter", "logs", "export",
            "metadata-service", "image");

    @Override
    public List<String> subcommandNames() {
        return SUBCOMMANDS;
    }

    // a switch, not a map of constructor references: those would load (and link) every command class at start
    @Override
    public Object subcommand(String name) {
        return switch (name) {
            case "version" -> new RktVersionCommand();
            case "trust" -> new TrustCommand();
            case "fetch" -> new FetchCommand();
            case "run" -> new RunCommand();
            case "prepare" -> new PrepareCommand();
            case "run-prepared" -> new RunPreparedCommand();
            case "stop" -> new StopCommand();
            case "cat-manifest" -> new CatManifestCommand();
            case "list" -> new ListCommand();
            case "status" -> new StatusCommand();
            case "rm" -> new RmCommand();
            case "gc" -> new GcCommand();
            case "enter" -> new EnterCommand();
            case "logs" -> new LogsCommand();
            case "export" -> new ExportCommand();
            case "metadata-service" -> new MetadataServiceCommand();
            case "image" -> new dev.rocket.cli.rkt.image.ImageCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

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
        dev.rocket.base.Trace.mark("main");
        if (startsAPod(args)) StartWarmUp.linkSystemCallsEarly();
        else if (StoreWarmUp.wanted(args)) StoreWarmUp.begin();
        System.exit(new CommandRunner("rkt").run(new RktCommand(), System.out, System.err, args));
    }

    /** Whether the command (the first word that is not an option) is one that starts or prepares a pod. */
    static boolean startsAPod(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) continue;
            return arg.equals("run") || arg.equals("prepare") || arg.equals("run-prepared");
        }
        return false;
    }
}
