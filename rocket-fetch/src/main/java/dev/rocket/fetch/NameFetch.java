package dev.rocket.fetch;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.discovery.LabelMatch;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.Label;
import dev.rocket.store.ImageReference;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rkt fetch NAME[:VERSION][,LABEL=VALUE...]}: the store's latest image with that name and labels
 * unless {@code --pull-policy=update}; otherwise discovery, then the download, which must bring an image
 * whose manifest matches the request (discovery.md's label rule) or nothing is stored.
 */
final class NameFetch {

    /** Downloads a discovered image, checking its manifest before storing it. */
    @FunctionalInterface
    interface Download {
        ImageRecord fetch(DiscoveredImage image, ManifestCheck check) throws RocketException;
    }

    private final ImageStore store;
    private final ImageDiscovery discovery;
    private final FetchEvents events;

    NameFetch(ImageStore store, ImageDiscovery discovery, FetchEvents events) {
        this.store = store;
        this.discovery = discovery;
        this.events = events;
    }

    ImageRecord fetch(String argument, PullPolicy policy, Download download) throws RocketException {
        ImageReference reference;
        try {
            reference = ImageReference.parse(argument);
        } catch (SpecException e) {
            throw RocketException.invalid("\"" + argument + "\" is neither a file, a URL nor an image name", e);
        }
        if (policy != PullPolicy.UPDATE) {
            Optional<ImageRecord> stored = stored(reference);
            if (stored.isPresent()) {
                store.touch(stored.get().id());
                return stored.get();
            }
            if (policy == PullPolicy.NEVER) {
                throw new RocketException(Kind.NOT_FOUND, reference + " is not in the store and --pull-policy=never forbids fetching it");
            }
        }
        DiscoveredImage image = discovery.locate(reference);
        events.info("image " + reference + " is at " + image.image());
        ImageRecord record = download.fetch(image, manifest -> requireMatch(image, manifest.name().value(), labels(manifest)));
        // The download may answer from the store (an image fetched from the same URL before, e.g. by a
        // template without {version}); that image must match the request too.
        Map<String, String> stored = new HashMap<>();
        record.labels().forEach((key, value) -> stored.put(key.value(), value));
        requireMatch(image, record.name().value(), stored);
        return record;
    }

    private static Map<String, String> labels(ImageManifest manifest) {
        Map<String, String> labels = new HashMap<>();
        for (Label label : manifest.labels().list()) labels.put(label.name().value(), label.value());
        return labels;
    }

    private Optional<ImageRecord> stored(ImageReference reference) throws RocketException {
        try {
            return Optional.of(store.resolve(reference.toString()));
        } catch (RocketException e) {
            if (e.kind() == Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    private static void requireMatch(DiscoveredImage image, String name, Map<String, String> labels) throws RocketException {
        List<String> problems = LabelMatch.mismatches(image.request(), name, labels);
        if (!problems.isEmpty()) {
            throw new RocketException(Kind.VERIFICATION_FAILED, "the image at " + image.image() + " is not the one asked for ("
                    + image.request().name() + " " + image.request().labels() + "): " + String.join("; ", problems)
                    + "; it is not used");
        }
    }
}
