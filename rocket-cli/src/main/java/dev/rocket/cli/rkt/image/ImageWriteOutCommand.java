package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.store.ImageStore;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The shared flags and work of {@code rkt image extract} and {@code rkt image render}. */
abstract class ImageWriteOutCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Option(names = "--overwrite", description = "Overwrite the output directory.")
    boolean overwrite;

    @Option(names = "--rootfs-only", description = "Write only the root filesystem, without the manifest.")
    boolean rootfsOnly;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image ID (or unique prefix) or name.")
    String reference;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory to write.")
    Path output;

    /** Writes the image out: its own files, or as rendered with its dependencies. */
    abstract void writeOut(TreeStore trees, ImageId id, ExtractScope scope) throws RocketException;

    @Override
    public Integer call() throws RocketException {
        try (ImageStore store = image.global().openStore()) {
            writeOut(TreeStore.open(store), store.resolve(reference).id(), rootfsOnly ? ExtractScope.ROOTFS_ONLY : ExtractScope.IMAGE);
        }
        return 0;
    }
}
