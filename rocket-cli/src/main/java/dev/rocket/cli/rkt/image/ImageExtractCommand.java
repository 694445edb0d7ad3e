package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;

/** {@code rkt image extract}: a stored image's own files (manifest and rootfs) in a directory. */
@Command(name = "extract", description = "Extract a stored image to a directory.")
final class ImageExtractCommand extends ImageWriteOutCommand {

    @Override
    void writeOut(TreeStore trees, ImageId id, ExtractScope scope) throws RocketException {
        trees.extractTo(id, output, scope, overwrite);
    }
}
