package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.RenderedTree;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rkt image verify}: re-hash stored images and compare with their IDs. */
@Command(name = "verify", description = "Verify the on-disk checksum of one or more images in the local store.")
final class ImageVerifyCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image IDs (or unique prefixes) or names.")
    List<String> references;

    @Override
    public Integer call() throws RocketException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (ImageStore store = image.global().openStore()) {
            for (String reference : references) {
                try {
                    ImageRecord record = store.verify(store.resolve(reference).id());
                    TreeStore trees = TreeStore.open(store);
                    for (RenderedTree tree : trees.treesOf(record.id())) trees.verify(tree.key());
                    out.println("successfully verified checksum for image: \"" + reference + "\" (\"" + record.id() + "\")");
                } catch (RocketException e) {
                    err.println("rkt: " + e.getMessage());
                    failed++;
                }
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 254;
    }
}
