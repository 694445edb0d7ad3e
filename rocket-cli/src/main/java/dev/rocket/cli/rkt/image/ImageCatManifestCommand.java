package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.store.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code rkt image cat-manifest}: print the manifest of a stored image. */
@Command(name = "cat-manifest", description = "Inspect and print the image manifest.")
final class ImageCatManifestCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Option(names = "--pretty-print", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Apply indent to format the output (default: true).")
    boolean prettyPrint;

    @Parameters(paramLabel = "IMAGE", description = "Image ID (or unique prefix) or name.")
    String reference;

    @Override
    public Integer call() throws RocketException, SpecException, IOException {
        byte[] manifest;
        try (ImageStore store = image.global().openStore();
             InputStream blob = store.openBlob(store.resolve(reference).id())) {
            manifest = AciReader.storedManifestBytesOf(blob);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(AciReader.parseManifest(manifest).toJson(prettyPrint));
        out.flush();
        return 0;
    }
}
