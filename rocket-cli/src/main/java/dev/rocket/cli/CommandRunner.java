package dev.rocket.cli;

import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a picocli command tree and turns every outcome into an exit code: the one place where exceptions
 * become messages. User mistakes print one line {@code tool: message}; only unexpected failures print a
 * stack trace, and only with {@code --debug}. It is itself picocli's handler of both kinds of exceptions (not
 * lambdas: each would cost the JDK a class spun at start-up).
 */
public final class CommandRunner implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** rkt's exit code for its own failures; an app's exit code passes through unchanged. */
    public static final int EXIT_FAILURE = 254;
    /** A command line that could not be parsed. */
    public static final int EXIT_USAGE = 2;

    private final String tool;

    public CommandRunner(String tool) {
        this.tool = tool;
    }

    public int run(ToolCommand rootCommand, PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(rootCommand.commandSpec());
        if (rootCommand instanceof Subcommands subcommands) register(commandLine, subcommands, args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        // rkt's --insecure-options=image names a word that is also a subcommand
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        commandLine.setParameterExceptionHandler(this);
        stopAtImages(commandLine);
        commandLine.setExecutionExceptionHandler(this);
        // after the subcommands are added: picocli registers a converter with the commands there are
        commandLine.registerConverter(Path.class, new PathConverter());
        return commandLine.execute(args);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        return usageError(e, args);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        return failure(e, commandLine, debug(parseResult.originalArgs().toArray(new String[0])));
    }

    /**
     * Registers the subcommands whose names occur among the arguments (an option's value may be one too, e.g.
     * {@code --insecure-options image}: registering it costs a little and parses the same); every subcommand when
     * none is named or help is asked for, so that usage texts and "unknown command" errors list them all.
     */
    private static void register(CommandLine commandLine, Subcommands subcommands, String[] args) {
        List<String> names = subcommands.subcommandNames();
        Set<String> named = new HashSet<>();
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                named.clear();
                break;
            }
            if (names.contains(arg)) named.add(arg);
        }
        for (String name : names) {
            if (named.isEmpty() || named.contains(name)) commandLine.addSubcommand(name, subcommands.subcommand(name));
        }
    }

    /** Commands whose positional words carry their own flags (rkt run's apps) see them unparsed. */
    private static void stopAtImages(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub.getCommand() instanceof PositionalFlags) sub.setStopAtPositional(true);
            stopAtImages(sub);
        }
    }

    private int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && failed.getSubcommands().size() > 0) {
            List<String> rest = unmatched.getUnmatched();
            if (!rest.isEmpty() && !rest.getFirst().startsWith("-")) {
                message = "unknown command \"" + rest.getFirst() + "\"";
            }
        }
        err.println(tool + ": " + firstLine(message) + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private int failure(Exception e, CommandLine commandLine, boolean debug) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof RocketException || e instanceof SpecException) {
            err.println(tool + ": " + e.getMessage());
            if (debug) e.printStackTrace(err);
        } else {
            err.println(tool + ": internal error: " + e);
            if (debug) e.printStackTrace(err);
            else err.println(tool + ": run again with --debug for details");
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static boolean debug(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) return false;
            if (arg.equals("--debug") || arg.equals("--debug=true")) return true;
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) return "invalid command line";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
