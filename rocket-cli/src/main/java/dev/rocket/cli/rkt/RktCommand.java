package dev.rocket.cli.rkt;

import dev.rocket.cli.CommandRunner;
import dev.rocket.cli.Subcommands;
import dev.rocket.cli.ToolCommand;
import dev.rocket.cli.rkt.image.ImageCommand;
import dev.rocket.cli.rkt.image.ImageCommand_Spec;
import dev.rocket.stage0.StartWarmUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.util.List;

/** The {@code rkt} command: rkt's command line, run by Rocket. */
@Command(name = "rkt",
        mixinStandardHelpOptions = false,
        description = "Rocket: run App Container pods without a daemon.",
        synopsisSubcommandLabel = "COMMAND")
public final class RktCommand implements Runnable, Subcommands, ToolCommand {

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
    public CommandSpec subcommand(String name) {
        return switch (name) {
            case "version" -> RktVersionCommand_Spec.of(new RktVersionCommand());
            case "trust" -> TrustCommand_Spec.of(new TrustCommand());
            case "fetch" -> FetchCommand_Spec.of(new FetchCommand());
            case "run" -> RunCommand_Spec.of(new RunCommand());
            case "prepare" -> PrepareCommand_Spec.of(new PrepareCommand());
            case "run-prepared" -> RunPreparedCommand_Spec.of(new RunPreparedCommand());
            case "stop" -> StopCommand_Spec.of(new StopCommand());
            case "cat-manifest" -> CatManifestCommand_Spec.of(new CatManifestCommand());
            case "list" -> ListCommand_Spec.of(new ListCommand());
            case "status" -> StatusCommand_Spec.of(new StatusCommand());
            case "rm" -> RmCommand_Spec.of(new RmCommand());
            case "gc" -> GcCommand_Spec.of(new GcCommand());
            case "enter" -> EnterCommand_Spec.of(new EnterCommand());
            case "logs" -> LogsCommand_Spec.of(new LogsCommand());
            case "export" -> ExportCommand_Spec.of(new ExportCommand());
            case "metadata-service" -> MetadataServiceCommand_Spec.of(new MetadataServiceCommand());
            case "image" -> ImageCommand_Spec.of(new ImageCommand());
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Override
    public CommandSpec commandSpec() {
        return RktCommand_Spec.of(this);
    }

    @Mixin
    GlobalOptions global;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

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
        if (startsAPod(args)) StartWarmUp.beginFromMain();
        else if (StoreWarmUp.wanted(args)) StoreWarmUp.begin(args);
        System.exit(new CommandRunner("rkt").run(new RktCommand(), System.out, System.err, args));
    }

    /** Whether the command is one that starts or prepares a pod. */
    static boolean startsAPod(String[] args) {
        String command = commandWord(args);
        return command.equals("run") || command.equals("prepare") || command.equals("run-prepared");
    }

    /** The command of a command line, as main's warm-ups tell it: its first word that is not an option; "" if none. */
    static String commandWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) return arg;
        }
        return "";
    }
}
