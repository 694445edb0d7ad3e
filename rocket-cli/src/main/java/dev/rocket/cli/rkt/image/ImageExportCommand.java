package dev.rocket.cli.rkt.image;

import dev.rocket.cli.OutputFile;
import dev.rocket.spec.types.ImageId;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rkt image export}: write a stored image as an (uncompressed) ACI file; no network. */
@Command(name = "export", description = "Export a stored image to an ACI file.")
final class ImageExportCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Option(names = "--overwrite", description = "Overwrite the output ACI.")
    boolean overwrite;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image ID (or unique prefix) or name.")
    String reference;

    @Parameters(index = "1", paramLabel = "OUT.aci", description = "The file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        try (ImageStore store = image.global().openStore()) {
            ImageId id = store.resolve(reference).id();
            OutputFile.write(output, overwrite, out -> {
                try (InputStream blob = store.openBlob(id)) {
                    blob.transferTo(out);
                }
            });
        }
        return 0;
    }
}
