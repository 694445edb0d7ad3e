package dev.rocket.store.extract;

import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.aci.AciEntryName;
import dev.rocket.spec.aci.AciReader;
import dev.rocket.spec.render.DependencyOrder;
import dev.rocket.spec.render.RenderLayer;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.Dependency;
import dev.rocket.spec.types.ImageId;
import dev.rocket.spec.types.Label;
import dev.rocket.spec.types.PathWhitelist;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.ImageRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes stored images out as directories: {@code rkt image extract} (one image's own files) and
 * {@code rkt image render} (the image with its dependencies applied in the spec's order, each pass filtered
 * by its whitelists). The directory appears only when complete: it is written beside the target and renamed
 * into place; a failure leaves nothing.
 */
public final class ImageRenderer {

    private final ImageStore store;
    private final SafeExtractor extractor;
    private final Map<ImageId, ImageManifest> manifests = new HashMap<>();

    public ImageRenderer(ImageStore store, SafeExtractor extractor) {
        this.store = store;
        this.extractor = extractor;
    }

    /** What to write. */
    public enum Mode { EXTRACT, RENDER }

    public void write(ImageId image, Path target, Mode mode, boolean rootfsOnly, boolean overwrite) throws RocketException {
        if (Files.exists(target) && !overwrite) {
            throw new RocketException(Kind.ALREADY_EXISTS, target + " already exists (use --overwrite to replace it)");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        } catch (IOException e) {
            throw new RocketException(Kind.INVALID_ARGUMENT, "cannot write into " + parent + ": " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            Path rootfs = rootfsOnly ? temp : Files.createDirectory(temp.resolve(AciEntryName.ROOTFS));
            List<RenderLayer<ImageId>> layers = mode == Mode.RENDER
                    ? new DependencyOrder<ImageId>(this::dependencies, this::whitelist, ImageId::value).layers(image)
                    : List.of(new RenderLayer<>(image, List.of()));
            for (RenderLayer<ImageId> layer : layers) {
                try (InputStream blob = store.openBlob(layer.image()); AciReader reader = AciReader.open(blob)) {
                    extractor.extract(reader, rootfs, layer::admits);
                }
            }
            if (!rootfsOnly) Files.writeString(temp.resolve(AciEntryName.MANIFEST), manifest(image).toJson(true));
            if (Files.exists(target)) SafeExtractor.remove(target);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            done = true;
        } catch (DependencyFailure e) {
            throw (RocketException) e.getCause();
        } catch (SpecException e) {
            throw RocketException.invalid("cannot render image " + image, e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "writing " + target + " failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    if (Files.exists(temp)) SafeExtractor.remove(temp);
                } catch (IOException e) {
                    // the original failure is the one to report
                }
            }
        }
    }

    private ImageManifest manifest(ImageId id) throws RocketException {
        ImageManifest known = manifests.get(id);
        if (known != null) return known;
        try (InputStream blob = store.openBlob(id)) {
            ImageManifest manifest = AciReader.manifestOf(blob);
            manifests.put(id, manifest);
            return manifest;
        } catch (SpecException e) {
            throw RocketException.invalid("stored image " + id + " is not valid", e);
        } catch (IOException e) {
            throw new RocketException(Kind.INTERNAL, "cannot read stored image " + id + ": " + e.getMessage(), e);
        }
    }

    private List<ImageId> dependencies(ImageId id) {
        try {
            List<ImageId> ids = new ArrayList<>();
            for (Dependency dependency : manifest(id).dependencies()) ids.add(resolve(dependency));
            return ids;
        } catch (RocketException e) {
            throw new DependencyFailure(e);
        }
    }

    private PathWhitelist whitelist(ImageId id) {
        try {
            return manifest(id).pathWhitelist();
        } catch (RocketException e) {
            throw new DependencyFailure(e);
        }
    }

    /** A dependency by image ID when the manifest pins one, else by name and labels (the latest import). */
    private ImageId resolve(Dependency dependency) throws RocketException {
        if (dependency.imageId().isPresent() && dependency.imageId().get().imageId().isPresent()) {
            return store.get(dependency.imageId().get().imageId().get()).id();
        }
        StringBuilder reference = new StringBuilder(dependency.imageName().value());
        for (Label label : dependency.labels().list()) reference.append(',').append(label.name()).append('=').append(label.value());
        ImageRecord record;
        try {
            record = store.resolve(reference.toString());
        } catch (RocketException e) {
            throw new RocketException(Kind.NOT_FOUND, "dependency " + reference + " is not in the store; fetch it first", e);
        }
        if (dependency.imageId().isPresent() && !dependency.imageId().get().matches(record.id())) {
            throw new RocketException(Kind.VERIFICATION_FAILED, "dependency " + reference + " resolves to " + record.id()
                    + ", not the pinned " + dependency.imageId().get());
        }
        return record.id();
    }

    /** Carries a store failure out of the dependency walk's functions. */
    private static final class DependencyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DependencyFailure(RocketException cause) {
            super(cause);
        }
    }
}
