package dev.rocket.cli;

import dev.rocket.cli.actool.ActoolCommand;
import dev.rocket.cli.rkt.RktCommand;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code rkt} or {@code actool} in-process and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun rkt(String... args) {
        return rktWithInput("", args);
    }

    /** Runs rkt with {@code input} as its standard input (answers to prompts). */
    public static CliRun rktWithInput(String input, String... args) {
        return run("rkt", new RktCommand().readingFrom(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))), args);
    }

    public static CliRun actool(String... args) {
        return run("actool", new ActoolCommand(), args);
    }

    private static CliRun run(String tool, ToolCommand root, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new CommandRunner(tool).run(root, outStream, errStream, args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
