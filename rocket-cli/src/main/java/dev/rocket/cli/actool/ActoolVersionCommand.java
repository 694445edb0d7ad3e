package dev.rocket.cli.actool;

import dev.rocket.cli.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code actool version}. */
@Command(name = "version", description = "Print the version and exit.")
final class ActoolVersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print("actool Version: " + BuildInfo.version() + "\n" + BuildInfo.runtimeLines());
        spec.commandLine().getOut().flush();
    }
}
