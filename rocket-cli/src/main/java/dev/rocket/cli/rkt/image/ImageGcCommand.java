package dev.rocket.cli.rkt.image;

import dev.rocket.base.RocketException;
import dev.rocket.cli.output.DurationConverter;
import dev.rocket.store.GcResult;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code rkt image gc}: remove images not used within the grace period, and the store's leftovers. */
@Command(name = "gc", description = "Garbage collect local store: remove images not used within the grace period.")
final class ImageGcCommand implements Callable<Integer> {

    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Option(names = "--grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long since an image was last used before it is removed (default: 24h0m0s).")
    Duration gracePeriod = Duration.ofHours(24);

    @Override
    public Integer call() throws RocketException {
        PrintWriter err = spec.commandLine().getErr();
        GcResult result;
        try (ImageStore store = image.global().openStore()) {
            result = store.gc(gracePeriod);
            // After the images: trees of removed images go too, and so do half-written trees of dead renders.
            TreeStore.open(store).gc();
        }
        for (ImageRecord record : result.removed()) {
            err.println("rkt: successfully removed aci for image: \"" + record.id() + "\" (\"" + record.name() + "\")");
        }
        err.println("rkt: " + result.removed().size() + " image(s) successfully removed");
        err.flush();
        return 0;
    }
}
