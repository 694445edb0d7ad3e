package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rkt image rm}: remove images, named by ID, ID prefix or name, from the store. */
@Command(name = "rm", description = "Remove one or more images with the given IDs or names from the local store.")
final class ImageRmCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image IDs (or unique prefixes) or names.")
    List<String> references;

    @Override
    public Integer call() throws RocketException {
        PrintWriter err = spec.commandLine().getErr();
        int removed = 0;
        int failed = 0;
        try (ImageStore store = image.global().openStore()) {
            for (String reference : references) {
                try {
                    ImageRecord record = store.remove(store.resolve(reference).id());
                    TreeStore.open(store).remove(record.id());
                    err.println("rkt: successfully removed aci for image: \"" + record.id() + "\" (\"" + record.name() + "\")");
                    removed++;
                } catch (RocketException e) {
                    err.println("rkt: " + e.getMessage());
                    failed++;
                }
            }
        }
        err.println("rkt: " + removed + " image(s) successfully removed");
        err.flush();
        return failed == 0 ? 0 : 254;
    }
}
