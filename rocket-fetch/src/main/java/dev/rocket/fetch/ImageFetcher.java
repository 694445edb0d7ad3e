package dev.rocket.fetch;

import dev.rocket.base.Trace;
import dev.rocket.base.InsecureOptions;
import dev.rocket.base.InsecureOptions.Option;
import dev.rocket.base.RocketException;
import dev.rocket.base.RocketException.Kind;
import dev.rocket.os.crypto.OpenSslProvider;
import dev.rocket.spec.SpecException;
import dev.rocket.spec.schema.ImageManifest;
import dev.rocket.spec.types.AcIdentifier;
import dev.rocket.spec.types.Label;
import dev.rocket.store.ImageRecordInfo;
import dev.rocket.store.ImageStore;
import dev.rocket.store.index.CacheValidators;
import dev.rocket.store.index.ImageRecord;
import dev.rocket.store.tree.PassRender;
import dev.rocket.store.tree.TreeStore;
import dev.rocket.trust.SignatureVerifier;
import dev.rocket.trust.Signer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rkt fetch}: brings an image from a file or an HTTP(S) URL into the store, verified. The image is
 * checked against the archive rules and its manifest parsed, its detached signature verified against the
 * keys trusted for its name (unless {@code --insecure-options=image}), and only then stored; a failure at
 * any step stores nothing and leaves no temporary file.
 */
public final class ImageFetcher {

    private final ImageStore store;
    private final SignatureVerifier verifier;
    private final HttpDownloader http;
    private final InsecureOptions insecure;
    private final FetchEvents events;
    private final Optional<ImageDiscovery> discovery;
    private final Clock clock;
    private Optional<TreeStore> trees = Optional.empty();

    /** A fetcher that finds images by name with meta discovery for this host (no auth, no key trust). */
    public ImageFetcher(ImageStore store, SignatureVerifier verifier, HttpDownloader http, InsecureOptions insecure,
                        FetchEvents events) {
        this(store, verifier, http, insecure, events, Optional.empty(), Clock.systemUTC());
    }

    /** @param discovery how names are resolved to URLs; the default is meta discovery for this host */
    public ImageFetcher(ImageStore store, SignatureVerifier verifier, HttpDownloader http, InsecureOptions insecure,
                        FetchEvents events, Optional<ImageDiscovery> discovery) {
        this(store, verifier, http, insecure, events, discovery, Clock.systemUTC());
    }

    /** {@code clock} decides whether a stored copy is still fresh by its {@code Cache-Control: max-age}. */
    public ImageFetcher(ImageStore store, SignatureVerifier verifier, HttpDownloader http, InsecureOptions insecure,
                        FetchEvents events, Clock clock) {
        this(store, verifier, http, insecure, events, Optional.empty(), clock);
    }

    public ImageFetcher(ImageStore store, SignatureVerifier verifier, HttpDownloader http, InsecureOptions insecure,
                        FetchEvents events, Optional<ImageDiscovery> discovery, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.verifier = verifier;
        this.http = http;
        this.insecure = insecure;
        this.events = events;
        this.discovery = discovery;
    }

    /**
     * Renders what this fetcher fetches into {@code trees} in the fetch's own pass over the image, when the image
     * allows (see {@link PassRender}); the caller still calls {@link TreeStore#render}, which then finds the tree
     * done, or renders an image that needs its dependencies. Returns this fetcher.
     */
    public ImageFetcher renderingInto(TreeStore trees) {
        this.trees = Optional.of(trees);
        return this;
    }

    /**
     * Fetches one image.
     *
     * @param argument  a path, {@code file://} or {@code http(s)://} URL, or an image name (discovery)
     * @param signature where the detached signature is, when not beside the image (or discovered)
     */
    public ImageRecord fetch(String argument, Optional<String> signature, PullPolicy policy) throws RocketException {
        if (ImageLocation.isName(argument)) {
            return new NameFetch(store, discovery(), events).fetch(argument, policy, (image, check) ->
                    fetch(ImageLocation.parse(image.image().toString()),
                            Optional.of(signature.orElse(image.signature().toString())), policy, check));
        }
        return fetch(ImageLocation.parse(argument), signature, policy, manifest -> { });
    }

    private ImageDiscovery discovery() throws RocketException {
        if (discovery.isPresent()) return discovery.get();
        return ImageDiscovery.forHost(new MetaDiscovery(http, insecure, events), insecure, Optional.empty());
    }

    private ImageRecord fetch(ImageLocation location, Optional<String> signature, PullPolicy policy, ManifestCheck check)
            throws RocketException {
        // The pass hashes the whole image twice (signature, image ID) and HTTPS decrypts it: with OpenSSL's SHA-2
        // and AES-GCM where the system has them, not the C1-compiled Java ones (see OpenSslProvider).
        OpenSslProvider.install();
        List<Path> temporary = new ArrayList<>();
        try {
            if (location instanceof ImageLocation.Remote remote) {
                Optional<ImageRecord> stored = store.byOrigin(remote.url());
                // rkt's image-fetching-behavior.md: update asks the server again unless the copy's max-age runs.
                if (stored.isPresent() && (policy != PullPolicy.UPDATE || stored.get().cache().isFresh(clock.instant()))) {
                    store.touch(stored.get().id());
                    return stored.get();
                }
                if (policy == PullPolicy.NEVER) {
                    throw new RocketException(Kind.NOT_FOUND, remote.url() + " is not in the store and --pull-policy=never forbids fetching it");
                }
                // The ingest's shared store lock also keeps other processes' sweeps off the staged tar and tree.
                // The body streams straight into the single pass: no temp file, nothing kept unless it verifies.
                CacheValidators previous = stored.map(ImageRecord::cache).orElse(CacheValidators.NONE);
                try (ImageStore.Ingest ingest = store.ingest();
                     Download download = http.open(remote.url(), previous, events.progress("aci"))) {
                    events.info("fetching image from " + remote.url());
                    if (download.notModified()) {
                        store.updateCache(stored.orElseThrow().id(), download.validators());
                        store.touch(stored.get().id());
                        return store.get(stored.get().id());
                    }
                    return importImage(ingest, download.body(), remote.url().toString(), location, signature,
                            Optional.of(download), temporary, check);
                }
            }
            Path file = ((ImageLocation.LocalFile) location).path();
            if (!Files.isRegularFile(file)) throw new RocketException(Kind.NOT_FOUND, "image file " + file + " does not exist");
            try (ImageStore.Ingest ingest = store.ingest(); InputStream raw = openRaw(file)) {
                return importImage(ingest, raw, file.toString(), location, signature, Optional.empty(), temporary, check);
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
            }
        } finally {
            for (Path path : temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    events.warning("cannot remove temporary file " + path + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * @param raw    the image as downloaded or as on disk, read once by the pass
     * @param source where it comes from, for messages
     */
    private ImageRecord importImage(ImageStore.Ingest ingest, InputStream raw, String source, ImageLocation location,
                                    Optional<String> signature, Optional<Download> download, List<Path> temporary,
                                    ManifestCheck check) throws RocketException {
        Optional<SignatureVerifier.Pending> pending = Optional.empty();
        if (insecure.allows(Option.IMAGE)) {
            events.warning("image signature verification has been disabled");
        } else {
            try (InputStream sig = open(signatureFile(location, signature, temporary))) {
                pending = Optional.of(verifier.begin(sig));
            } catch (IOException e) {
                throw new RocketException(Kind.UNAVAILABLE, "cannot read the signature of " + location.describe()
                        + ": " + e.getMessage(), e);
            }
        }
        Trace.mark("fetch: signature read");
        try (PassRender render = beginRender()) {
            SinglePassImport.Result read;
            try {
                read = SinglePassImport.read(raw, pending, ingest.tar(), Optional.ofNullable(render));
            } catch (SpecException | IOException e) {
                // A broken download is reported as such, not as what the archive reader made of the cut stream.
                if (download.isPresent() && download.get().failure().isPresent()) throw download.get().failure().get();
                throw e;
            }
            Trace.mark("fetch: pass done");
            // the staged tree's checksum runs while the signature is judged and the blob committed
            if (render != null) render.finishPass();
            ImageManifest manifest = read.manifest();
            check.accept(manifest);
            if (pending.isPresent()) {
                Signer signer = pending.get().finish(manifest.name());
                events.info("signature verified:\n  " + String.join("\n  ", signer.userIds()));
            }
            ImageRecordInfo info = ImageRecordInfo.of(manifest.name(), labels(manifest));
            if (download.isPresent() && location instanceof ImageLocation.Remote remote) {
                info = info.fetchedFrom(remote.url(), download.get().validators());
            }
            Trace.mark("fetch: signature judged");
            ImageRecord record = ingest.commit(read.id(), info);
            Trace.mark("fetch: blob committed");
            if (render != null) render.adopt(record.id());
            Trace.mark("fetch: tree adopted");
            return record;
        } catch (SpecException e) {
            throw RocketException.invalid(location.describe() + " is not a valid image", e);
        } catch (SinglePassImport.StoreWriteException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot write the image into the store " + store.layout().tmp()
                    + ": " + e.getMessage() + "; check free space and permissions of the store directory", e);
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The staged tree of a fetch that renders, or null. */
    private PassRender beginRender() throws RocketException {
        return trees.isPresent() ? trees.get().beginPassRender() : null;
    }

    private Path signatureFile(ImageLocation image, Optional<String> given, List<Path> temporary) throws RocketException {
        ImageLocation where = given.isPresent() ? ImageLocation.parse(given.get()) : image.signature();
        if (where instanceof ImageLocation.LocalFile local) {
            if (!Files.isRegularFile(local.path())) {
                throw new RocketException(Kind.VERIFICATION_FAILED, "no signature for " + image.describe() + " at " + local.path()
                        + "; give one with --signature, or skip verification with --insecure-options=image");
            }
            return local.path();
        }
        ImageLocation.Remote remote = (ImageLocation.Remote) where;
        Path file = temp(temporary, "signature");
        events.info("downloading signature from " + remote.url());
        try {
            http.download(remote.url(), file, CacheValidators.NONE, ProgressListener.NONE);
        } catch (RocketException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                throw new RocketException(Kind.VERIFICATION_FAILED, "no signature for " + image.describe() + " at " + remote.url()
                        + "; give one with --signature, or skip verification with --insecure-options=image", e);
            }
            throw e;
        }
        return file;
    }

    private Path temp(List<Path> temporary, String what) throws RocketException {
        try {
            Files.createDirectories(store.layout().tmp());
            Path file = Files.createTempFile(store.layout().tmp(), "fetch-" + what + "-", ".part");
            temporary.add(file);
            return file;
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot create a temporary file in " + store.layout().tmp() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream openRaw(Path file) throws RocketException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, file + " does not exist");
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws RocketException {
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new RocketException(Kind.NOT_FOUND, file + " does not exist");
        } catch (IOException e) {
            throw new RocketException(Kind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<AcIdentifier, String> labels(ImageManifest manifest) {
        Map<AcIdentifier, String> labels = new LinkedHashMap<>();
        for (Label label : manifest.labels().list()) labels.put(label.name(), label.value());
        return labels;
    }
}
