package dev.rocket.cli.rkt;

import dev.rocket.base.RocketException;
import dev.rocket.fetch.PullPolicy;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.TreeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rkt fetch}: fetch images into the store, verified, and print their IDs. */
@Command(name = "fetch", description = "Fetch image(s) and store them in the local store.")
final class FetchCommand implements Callable<Integer> {

    /** The hex digits rkt printed of an image ID unless --full. */
    private static final int SHORT_ID_HEX = 32;

    @ParentCommand
    RktCommand rkt;

    @Spec
    CommandSpec spec;

    @Option(names = "--full", description = "Print the full image hash after fetching.")
    boolean full;

    @Option(names = "--signature", paramLabel = "FILE", description = "Local signature file of the image (one per image, in order).")
    List<String> signatures = new ArrayList<>();

    @Option(names = "--pull-policy", paramLabel = "POLICY", converter = PullPolicyConverter.class,
            description = "When to fetch: never, new or update (default: update, as rkt's fetch).")
    PullPolicy pullPolicy = PullPolicy.UPDATE;

    @Option(names = "--render", description = "Also render each image, with its dependencies, into the tree store,"
            + " so that running it later starts without rendering (a Rocket extension).")
    boolean render;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files, URLs or names (NAME[:VERSION][,LABEL=VALUE...], found by discovery); Docker and OCI images as docker://, oci:, oci-archive: or docker-archive:.")
    List<String> images;

    @Override
    public Integer call() throws RocketException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions global = rkt.global();
        if (signatures.size() > images.size()) {
            throw new RocketException(RocketException.Kind.INVALID_ARGUMENT, "more --signature files than images");
        }
        try (ImageStore store = global.openStore()) {
            dev.rocket.base.Trace.mark("store open");
            Optional<TreeStore> trees = render ? Optional.of(TreeStore.open(store)) : Optional.empty();
            CommandFetcher.Fetch fetcher = CommandFetcher.dispatching(global, store, err, trees);
            for (int i = 0; i < images.size(); i++) {
                Optional<String> signature = i < signatures.size() ? Optional.of(signatures.get(i)) : Optional.empty();
                ImageRecord record = fetcher.fetch(images.get(i), signature, pullPolicy);
                if (trees.isPresent()) trees.get().render(record.id());
                String id = record.id().value();
                out.println(full ? id : id.substring(0, "sha512-".length() + SHORT_ID_HEX));
                out.flush();
            }
        }
        return 0;
    }
}
