package dev.rocket.cli.rkt.image;

import dev.rocket.store.extract.ImageRenderer;
import picocli.CommandLine.Command;

/** {@code rkt image extract}: a stored image's own files (manifest and rootfs) in a directory. */
@Command(name = "extract", description = "Extract a stored image to a directory.")
final class ImageExtractCommand extends ImageWriteOutCommand {

    @Override
    ImageRenderer.Mode mode() {
        return ImageRenderer.Mode.EXTRACT;
    }
}
