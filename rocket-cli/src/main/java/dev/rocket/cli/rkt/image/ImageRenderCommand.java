package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.extract.ExtractScope;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;

/** {@code rkt image render}: a stored image as it is run, dependencies applied, in a directory (no overlay). */
@Command(name = "render", description = "Render a stored image, with its dependencies, to a directory.")
final class ImageRenderCommand extends ImageWriteOutCommand {

    @Override
    void writeOut(TreeStore trees, ImageId id, ExtractScope scope) throws RocketException {
        trees.renderTo(id, output, scope, overwrite);
    }
}
