package dev.rocket.cli.rkt;

import dev.rocket.cli.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rkt version}: the Rocket version and the appc version it implements. */
@Command(name = "version", description = "Print the version and exit.")
final class RktVersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print("rkt Version: " + BuildInfo.version() + "\n" + BuildInfo.runtimeLines());
        spec.commandLine().getOut().flush();
    }
}
