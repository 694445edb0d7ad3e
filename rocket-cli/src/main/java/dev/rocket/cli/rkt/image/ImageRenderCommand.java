package dev.rocket.cli.rkt.image;

import dev.rocket.store.extract.ImageRenderer;
import picocli.CommandLine.Command;

/** {@code rkt image render}: a stored image as it is run, dependencies applied, in a directory (no overlay). */
@Command(name = "render", description = "Render a stored image, with its dependencies, to a directory.")
final class ImageRenderCommand extends ImageWriteOutCommand {

    @Override
    ImageRenderer.Mode mode() {
        return ImageRenderer.Mode.RENDER;
    }
}
