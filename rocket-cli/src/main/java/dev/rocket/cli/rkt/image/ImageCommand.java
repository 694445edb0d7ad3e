package dev.rocket.cli.rkt.image;

import dev.rocket.cli.rkt.GlobalOptions;
import dev.rocket.cli.rkt.RktCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rkt image}: operate on the images of the local store. */
@Command(name = "image", description = "Operate on image(s) in the local store.",
        subcommands = {
                ImageListCommand.class,
                ImageRmCommand.class,
                ImageGcCommand.class,
                ImageVerifyCommand.class,
                ImageCatManifestCommand.class,
                ImageExportCommand.class,
                ImageExtractCommand.class,
                ImageRenderCommand.class,
        },
        synopsisSubcommandLabel = "COMMAND")
public final class ImageCommand implements Runnable {

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    GlobalOptions global() {
        return rkt.global();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
